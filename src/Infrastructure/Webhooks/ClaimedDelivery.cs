using Npgsql;
using Slots.Application.Events;
using Slots.Infrastructure.Events;

namespace Slots.Infrastructure.Webhooks;

/// <summary>A delivery this process claimed: attempt <see cref="Attempt"/> of sending <see cref="Event"/> to a subscription.</summary>
/// <param name="ClaimedAt">The database's clock at the claim: the signature's timestamp, which receivers check against theirs.</param>
/// <param name="Secret">The subscription's signing secret, sealed (<see cref="WebhookSecrets"/>).</param>
/// <param name="PreviousSecret">The secret before its last rotation, sealed, while deliveries are still signed with it too.</param>
internal sealed record ClaimedDelivery(
    Guid Subscription, int Attempt, DateTimeOffset ClaimedAt, Uri Url, string Secret, string? PreviousSecret, FeedEvent Event)
{
    /// <summary>
    /// A claimed delivery from the columns a claim returns, from <paramref name="at"/> on: subscription, attempt, now, url,
    /// secrets (<see cref="DeliverySql.Secrets"/>), then the event's id, type, subject, time, tx (as text), seq and data (as text).
    /// </summary>
    public static ClaimedDelivery Read(NpgsqlDataReader reader, int at) => new(
        reader.GetGuid(at), reader.GetInt32(at + 1), reader.GetFieldValue<DateTimeOffset>(at + 2), new Uri(reader.GetString(at + 3)),
        reader.GetString(at + 4), reader.IsDBNull(at + 5) ? null : reader.GetString(at + 5),
        new FeedEvent(
            reader.GetGuid(at + 6), reader.GetString(at + 7), reader.GetGuid(at + 8), DateTime.SpecifyKind(reader.GetDateTime(at + 9), DateTimeKind.Utc),
            EventFeed.Position(reader.GetString(at + 10), reader.GetInt64(at + 11)),
            reader.GetString(at + 12)));
}
