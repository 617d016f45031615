namespace Slots.Application.Notifications;

/// <summary>The notifications the notifier makes from the events, for the admins who watch over them.</summary>
public interface INotificationStore
{
    /// <summary>The newest first, from after the one the cursor names (its creation time and id), only those in <paramref name="status"/> when given.</summary>
    Task<List<NotificationResponse>> ListAsync(
        NotificationStatus? status, (DateTime CreatedAt, Guid Id)? after, int take, CancellationToken cancellationToken);

    /// <summary>
    /// Makes a notification due now with a new retry window (a failed, skipped or sent one is sent again); null when there
    /// is none. One being sent right now is left alone: <paramref name="inFlight"/> says so.
    /// </summary>
    Task<(NotificationResponse? Notification, bool InFlight)> RetryAsync(Guid id, CancellationToken cancellationToken);
}
