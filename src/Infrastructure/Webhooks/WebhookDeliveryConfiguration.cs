using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Slots.Infrastructure.Persistence;
using static Slots.Infrastructure.Webhooks.DeliverySql;

namespace Slots.Infrastructure.Webhooks;

internal sealed class WebhookDeliveryConfiguration : IEntityTypeConfiguration<WebhookDelivery>
{
    public void Configure(EntityTypeBuilder<WebhookDelivery> builder)
    {
        builder.ToTable("webhook_deliveries", t => t.HasCheckConstraint(
            "ck_webhook_deliveries_status", $"status IN ({ColumnTexts.DeliveryStatuses.SqlList})"));
        // A delivery is an event for a subscription. The key is also the list's order (event ids are version 7 UUIDs, so
        // newest last): each delivery costs as few index entries as possible, since the dispatcher writes every one twice.
        builder.HasKey(d => new { d.SubscriptionId, d.EventId });
        builder.Property(d => d.SubscriptionId).HasColumnName("subscription_id");
        builder.Property(d => d.EventId).HasColumnName("event_id");
        builder.Property(d => d.Status).HasColumnName("status").HasMaxLength(16).IsRequired().HasConversion(ColumnTexts.DeliveryStatuses.Converter);
        builder.Property(d => d.Attempts).HasColumnName("attempts");
        builder.Property(d => d.CreatedAt).HasColumnName("created_at").HasDefaultValueSql("now()");
        builder.Property(d => d.RetryFrom).HasColumnName("retry_from").HasDefaultValueSql("now()");
        builder.Property(d => d.NextAttemptAt).HasColumnName("next_attempt_at");
        builder.Property(d => d.LastAttemptAt).HasColumnName("last_attempt_at");
        builder.Property(d => d.LastStatusCode).HasColumnName("last_status_code");
        builder.Property(d => d.LastError).HasColumnName("last_error").HasMaxLength(WebhookSender.MaxErrorLength);
        builder.Property(d => d.DeliveredAt).HasColumnName("delivered_at");
        // No foreign key to the subscription: a subscription's deliveries (a dead receiver's may be millions) are deleted
        // in batches in the background after it (DeliverySweeper, from webhook_deletions), not in the request. None to the
        // event either: its index would be one more to write per delivery, and the retention deletes events by themselves.
        // What the dispatcher claims, subscription by subscription, the soonest due first; small, since delivered and
        // failed rows are not in it.
        builder.HasIndex(d => new { d.SubscriptionId, d.NextAttemptAt }).HasDatabaseName("ix_webhook_deliveries_due")
            .HasFilter($"status IN ({Open})");
        // What each subscription has in flight, which the claim and the fan-out count against its cap: tiny.
        builder.HasIndex(d => d.SubscriptionId, "ix_webhook_deliveries_sending").HasFilter($"status = {Sending}");

    }
}
