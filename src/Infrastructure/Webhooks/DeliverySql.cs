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

    /// <summary>Still to be sent: pending, or sending under a claim. The list the due index's filter names.</summary>
    public static readonly string Open = $"{Pending}, {Sending}";
}
