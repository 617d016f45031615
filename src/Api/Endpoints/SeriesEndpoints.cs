using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Slots.Api.Contracts;
using Slots.Api.Http;
using Slots.Api.Security;
using Slots.Application.Slots;
using Slots.Application.Slots.ChangeSeries;
using Slots.Application.Slots.CreateSeries;
using Slots.Application.Slots.DeleteSeries;
using Slots.Application.Slots.GetSeries;

namespace Slots.Api.Endpoints;

/// <summary>A weekly series of slots: publish it (or preview it), read it, open or close it, delete what nobody booked.</summary>
public static class SeriesEndpoints
{
    public static void MapSeries(this RouteGroupBuilder slots)
    {
        slots.MapPost("/series", Create).WithName("createSeries").WithSummary("Publish a weekly series of slots")
            .WithDescription("Turns a weekly pattern (the days from `from` to `to` whose weekday is listed, each window filled "
                + "with slots of `slotMinutes`, `gapMinutes` apart) into slots in one transaction: 201 with the series' id, the "
                + "slots created and those skipped, each with its reason (`slot_overlaps`, `nonexistent_local_time` in a DST gap, "
                + "`start_not_in_future`). Local times stay local across DST changes. At most 500 slots per request "
                + "(400 `series_too_large` says how many the pattern makes). `?dryRun=true` answers the same with 200 and "
                + "writes nothing. One `slots.series.created` event names the slots made. One request counts as one creation "
                + "for the rate limit, and each slot made as one slot of the bulk budget (2,000 an hour per user; a preview "
                + "costs none). Like a single slot, 409 `handle_taken` under another account's handle.")
            .ProducesProblem(StatusCodes.Status409Conflict).Idempotent().Limited(RateLimits.SlotCreations);
        slots.MapGet("/series/{seriesId:guid}", Get).WithName("getSeries").WithSummary("List a series' slots")
            .WithDescription("Every slot of the series, past and future, soonest first, each with its live bookings (a series "
                + "has at most 500). Its specialist or an admin.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        slots.MapPut("/series/{seriesId:guid}", Change).WithName("changeSeries").WithSummary("Change a series")
            .WithDescription("Sets the status of every future slot of the series (past ones are history), what they override "
                + "of the specialist's policy (`policy`, replaced whole; bookings keep theirs), or both, in one transaction, with "
                + "one `slots.series.changed` event naming the slots that changed. Its specialist or an admin; one change for "
                + "the rate limit, and one slot of the bulk budget per slot changed.")
            .ProducesProblem(StatusCodes.Status404NotFound).Limited(RateLimits.SlotChanges);
        slots.MapDelete("/series/{seriesId:guid}", Delete).WithName("deleteSeries").WithSummary("Delete a series")
            .WithDescription("Deletes every future slot of the series nobody holds a seat in, with one `slots.series.deleted` "
                + "event naming them, and lists the booked ones it kept. Its specialist or an admin; one change for the rate "
                + "limit, and one slot of the bulk budget per slot deleted.")
            .ProducesProblem(StatusCodes.Status404NotFound).Limited(RateLimits.SlotChanges);
    }

    private static async Task<Results<Created<SeriesResponse>, Ok<SeriesResponse>>> Create(
        CreateSeriesRequest body, bool? dryRun, [FromHeader(Name = IdempotencyKeyFilter.Header)] string? idempotencyKey,
        ISender sender, CancellationToken ct)
    {
        var series = await sender.Send(body.ToCommand(dryRun == true, idempotencyKey), ct);
        return series.SeriesId is { } id
            ? TypedResults.Created($"{ConsultingSlotsEndpoints.BasePath}/series/{id}", series)
            : TypedResults.Ok(series);
    }

    private static async Task<Ok<IReadOnlyList<SlotResponse>>> Get(Guid seriesId, ISender sender, CancellationToken ct) =>
        TypedResults.Ok(await sender.Send(new GetSeriesQuery(seriesId), ct));

    private static async Task<Ok<SeriesChangeResponse>> Change(
        Guid seriesId, ChangeSeriesRequest body, ISender sender, CancellationToken ct) =>
        TypedResults.Ok(await sender.Send(new ChangeSeriesCommand(seriesId, body.Status, body.Policy), ct));

    private static async Task<Ok<SeriesDeleteResponse>> Delete(Guid seriesId, ISender sender, CancellationToken ct) =>
        TypedResults.Ok(await sender.Send(new DeleteSeriesCommand(seriesId), ct));
}
