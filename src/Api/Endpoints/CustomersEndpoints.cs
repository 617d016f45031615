using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Slots.Api.OpenApi;
using Slots.Application.Customers;
using Slots.Application.Customers.ErasePersonalData;

namespace Slots.Api.Endpoints;

/// <summary><c>/api/customers</c>: what an admin does for a customer's personal data.</summary>
public static class CustomersEndpoints
{
    public const string Path = "/api/customers";

    public static void MapCustomers(this IEndpointRouteBuilder app) =>
        app.MapGroup(Path).WithTags(ApiTags.Customers).RequireAuthorization()
            .MapDelete("/{customerId}/personal-data", Erase).WithName("erasePersonalData").WithSummary("Erase a customer's personal data")
            .WithDescription("Replaces the customer's email and name in their past and cancelled bookings, in the events an "
                + "older release wrote with them, and deletes the stored answers of idempotent requests that held them; "
                + "says how many of each. Events written now carry ids only (`customerId`, `bookingId`). 409 "
                + "`customer_has_live_bookings` while they hold a seat in a slot that has not ended: cancel it first. "
                + "Admins only.")
            .ProducesProblem(StatusCodes.Status409Conflict);

    private static async Task<Ok<ErasureResponse>> Erase(string customerId, ISender sender, CancellationToken ct) =>
        TypedResults.Ok(await sender.Send(new ErasePersonalDataCommand(customerId), ct));
}
