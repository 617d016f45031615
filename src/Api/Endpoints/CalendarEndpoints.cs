using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Slots.Api.Contracts;
using Slots.Api.Http;
using Slots.Api.OpenApi;
using Slots.Api.Security;
using Slots.Application.Calendars.DeleteCalendarFeed;
using Slots.Application.Calendars.GetBookingCalendar;
using Slots.Application.Calendars.GetCalendarFeed;
using Slots.Application.Calendars.IssueCalendarFeed;
using Slots.Application.Calendars.ReadCalendarFeed;

namespace Slots.Api.Endpoints;

/// <summary>Calendars: the caller's private feed (see, issue or rotate, turn off), the feed itself, and one booking as a file.</summary>
public static class CalendarEndpoints
{
    public const string FeedPath = "/api/calendar";

    public static void MapCalendars(this IEndpointRouteBuilder app, RouteGroupBuilder me)
    {
        me.MapGet("/calendar-feed", Get).WithName("getCalendarFeed").WithSummary("See my calendar feed")
            .WithDescription("The URL of the caller's private iCalendar feed: a specialist's of their slots (who booked each), a "
                + "customer's of their bookings. 404 `calendar_feed_not_found` until it is issued.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        me.MapPost("/calendar-feed", Issue).WithName("issueCalendarFeed").WithSummary("Issue or rotate my calendar feed")
            .WithDescription("Turns the caller's feed on, or gives it a new URL: the old URL stops at once (404).")
            .Limited(RateLimits.SlotChanges);
        me.MapDelete("/calendar-feed", Delete).WithName("deleteCalendarFeed").WithSummary("Turn my calendar feed off")
            .WithDescription("Its URL stops at once (404). Issuing it again gives a new URL.")
            .ProducesProblem(StatusCodes.Status404NotFound).Limited(RateLimits.SlotChanges);
        me.MapGet("/bookings/{slotId:guid}/calendar", Booking).WithName("getBookingCalendar").WithSummary("My booking as a calendar file")
            .WithDescription("The caller's live booking in the slot as an `.ics` file (*Add to calendar*), with the `UID` and "
                + "`SEQUENCE` its mail invites carry, so a calendar that has the invite updates it rather than showing it twice.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        app.MapGet($"{FeedPath}/{{token}}.ics", Feed).WithName("readCalendarFeed").WithTags(ApiTags.Me)
            .WithSummary("A calendar feed")
            .WithDescription("What calendar apps subscribe to: the owner's sessions from a month back, soonest first (at most "
                + "2,000), as iCalendar (RFC 5545), tagged (`ETag`; `If-None-Match` answers 304). No bearer token (calendar apps "
                + "cannot send one): the URL's token is the key. 404 `calendar_feed_not_found` for a token rotated, turned off or "
                + "never issued. Limited per token and per client address.")
            .AllowAnonymous().ProducesProblem(StatusCodes.Status404NotFound)
            .AddEndpointFilter<CalendarFeedLimits.Filter>().Limited(RateLimits.CalendarFeeds);
    }

    private static async Task<Ok<CalendarFeedResponse>> Get(ISender sender, HttpRequest request, CancellationToken ct) =>
        TypedResults.Ok(CalendarFeedResponse.Of(await sender.Send(new GetCalendarFeedQuery(), ct), request));

    private static async Task<Ok<CalendarFeedResponse>> Issue(ISender sender, HttpRequest request, CancellationToken ct) =>
        TypedResults.Ok(CalendarFeedResponse.Of(await sender.Send(new IssueCalendarFeedCommand(), ct), request));

    private static async Task<NoContent> Delete(ISender sender, CancellationToken ct)
    {
        await sender.Send(new DeleteCalendarFeedCommand(), ct);
        return TypedResults.NoContent();
    }

    private static async Task<CalendarText> Booking(
        Guid slotId, [FromHeader(Name = "If-None-Match")] string? ifNoneMatch, ISender sender, CancellationToken ct) =>
        new(await sender.Send(new GetBookingCalendarQuery(slotId), ct), ifNoneMatch, "consulting-session.ics");

    private static async Task<CalendarText> Feed(
        string token, [FromHeader(Name = "If-None-Match")] string? ifNoneMatch, ISender sender, CancellationToken ct) =>
        new(await sender.Send(new ReadCalendarFeedQuery(token), ct), ifNoneMatch);
}
