using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Slots.Api.Http;
using Slots.Api.OpenApi;
using Slots.Application.Notifications;
using Slots.Application.Notifications.ListNotifications;
using Slots.Application.Notifications.RetryNotification;

namespace Slots.Api.Notifications;

/// <summary><c>/api/notifications</c>: the mail the bookings made, for the admins who watch over it.</summary>
public static class NotificationsEndpoints
{
    public const string Path = "/api/notifications";

    public static void MapNotifications(this IEndpointRouteBuilder app)
    {
        var notifications = app.MapGroup(Path).WithTags(ApiTags.Notifications).RequireAuthorization();
        notifications.MapGet("/", List).WithName("listNotifications").WithSummary("List the notifications")
            .WithDescription("The messages the bookings made (a confirmation and a notice per booking, a cancellation to both "
                + "sides, an update to each booked customer when a slot moves), newest first, only those in `status` when given: "
                + "`failed` lists the ones given up after 24 h of retries, with their last error. Paged: the next page is in the "
                + "`Link` header. No addresses: each is read from its booking when it is sent.");
        notifications.MapPost("/{notificationId:guid}/retry", Retry).WithName("retryNotification").WithSummary("Send a notification again")
            .WithDescription("Sends it now, with a new 24 h of retries: a failed one, or one sent that did not arrive (its "
                + "`Message-ID` is the same, so mail clients fold a repeat). 409 `notification_in_flight` while it is being sent.")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
    }

    private static async Task<Ok<IReadOnlyList<NotificationResponse>>> List(
        string? status, int? limit, string? cursor, ISender sender, HttpContext http, CancellationToken ct)
    {
        var page = await sender.Send(new ListNotificationsQuery(status, limit, cursor), ct);
        return TypedResults.Ok(NextLink.Items(http, page));
    }

    private static async Task<Accepted<NotificationResponse>> Retry(Guid notificationId, ISender sender, CancellationToken ct) =>
        TypedResults.Accepted((string?)null, await sender.Send(new RetryNotificationCommand(notificationId), ct));
}
