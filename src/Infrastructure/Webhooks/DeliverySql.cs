using Slots.Application.Webhooks;
using static Slots.Infrastructure.Persistence.ColumnTexts;

namespace Slots.Infrastructure.Webhooks;

/// <summary>The delivery statuses as SQL literals, for the statements written by hand (spelt by <c>ColumnTexts</c>).</summary>
internal static class DeliverySql
{
    public static readonly string Pending = DeliveryStatuses.Sql(DeliveryStatus.Pending);

    /// <summary>Claimed by a dispatcher until its <c>next_attempt_at</c>.</summary>
    public static readonly string Sending = DeliveryStatuses.Sql(DeliveryStatus.Sending);

    public static readonly string Delivered = DeliveryStatuses.Sql(DeliveryStatus.Delivered);

    /// <summary>Given up after its retry window; kept for a replay.</summary>
    public static readonly string Failed = DeliveryStatuses.Sql(DeliveryStatus.Failed);

    /// <summary>
    /// A subscription <c>s</c>'s signing secrets as a claim returns them, both sealed: the current one, and the one before
    /// the last rotation while it is still honoured (null after).
    /// </summary>
    public const string Secrets = "s.secret, CASE WHEN s.previous_secret_until > now() THEN s.previous_secret END";

    /// <summary>Still to be sent: pending, or sending under a claim. The list the due index's filter names.</summary>
    public static readonly string Open = $"{Pending}, {Sending}";

    /// <summary>
    /// The subscriptions that are not disabled (<c>id</c>, <c>types</c>, <c>start_tx</c>), each with the <c>room</c> it has
    /// for more deliveries in flight right now: none while parked; one while its breaker probes (<paramref name="breakAfter"/>
    /// failures in a row or more); else <paramref name="cap"/>; less what it has in flight under a live lease, in any process.
    /// </summary>
    public static string Rooms(string cap, string breakAfter) => $"""
        SELECT s.id, s.types, s.start_tx,
               CASE WHEN s.parked_until > now() THEN 0
                    ELSE CASE WHEN s.failures >= {breakAfter} THEN 1 ELSE {cap} END
                         - (SELECT count(*) FROM webhook_deliveries f
                            WHERE f.subscription_id = s.id AND f.status = {Sending} AND f.next_attempt_at > now())::int
               END AS room
        FROM webhook_subscriptions s
        WHERE s.disabled_at IS NULL
        """;
}
