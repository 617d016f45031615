using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Slots.Infrastructure.Webhooks;

/// <summary>
/// A row of <c>webhook_subscriptions</c>. The table also has <c>start_tx</c>, outside the EF model: the id of the
/// transaction that created it. The subscription receives the events of every transaction with a later id, and the fan-out
/// reads those only after the creating transaction has ended, so none of them is missed.
/// </summary>
internal sealed class WebhookSubscription(Guid id, string url, string[]? types, string? description, string secret, DateTime createdAt)
{
    public Guid Id { get; private set; } = id;

    public string Url { get; private set; } = url;

    /// <summary>The event types it receives; null for all.</summary>
    public string[]? Types { get; private set; } = types;

    public string? Description { get; private set; } = description;

    /// <summary>The Standard Webhooks signing secret (<c>whsec_…</c>). Kept as is: signing needs it.</summary>
    public string Secret { get; private set; } = secret;

    public DateTime CreatedAt { get; private set; } = createdAt;
}

internal sealed class WebhookSubscriptionConfiguration : IEntityTypeConfiguration<WebhookSubscription>
{
    public void Configure(EntityTypeBuilder<WebhookSubscription> builder)
    {
        builder.ToTable("webhook_subscriptions");
        builder.HasKey(s => s.Id);
        builder.Property(s => s.Id).HasColumnName("id").ValueGeneratedNever();
        builder.Property(s => s.Url).HasColumnName("url").HasMaxLength(2048).IsRequired();
        builder.Property(s => s.Types).HasColumnName("types");
        builder.Property(s => s.Description).HasColumnName("description").HasMaxLength(500);
        builder.Property(s => s.Secret).HasColumnName("secret").HasMaxLength(100).IsRequired();
        builder.Property(s => s.CreatedAt).HasColumnName("created_at");
    }
}

/// <summary>
/// A row of <c>webhook_deliveries</c>: one event on its way to one subscription. The dispatcher works on it in SQL
/// (see <see cref="WebhookDispatcher"/>); the model is here for the migrations and the admin's lists.
/// </summary>
internal sealed class WebhookDelivery
{
    public Guid SubscriptionId { get; private set; }

    /// <summary>The event it carries, which is also the delivery's id within its subscription (and its <c>webhook-id</c>).</summary>
    public Guid EventId { get; private set; }

    /// <summary><c>pending</c>, <c>sending</c> (claimed by a dispatcher until <see cref="NextAttemptAt"/>), <c>delivered</c> or <c>failed</c>.</summary>
    public string Status { get; private set; } = "pending";

    public int Attempts { get; private set; }

    public DateTime CreatedAt { get; private set; }

    /// <summary>When the current round of retries began: it is given up <c>GiveUpAfter</c> later.</summary>
    public DateTime RetryFrom { get; private set; }

    public DateTime? NextAttemptAt { get; private set; }

    public DateTime? LastAttemptAt { get; private set; }

    public int? LastStatusCode { get; private set; }

    public string? LastError { get; private set; }

    public DateTime? DeliveredAt { get; private set; }
}

internal sealed class WebhookDeliveryConfiguration : IEntityTypeConfiguration<WebhookDelivery>
{
    public void Configure(EntityTypeBuilder<WebhookDelivery> builder)
    {
        builder.ToTable("webhook_deliveries", t => t.HasCheckConstraint(
            "ck_webhook_deliveries_status", "status IN ('pending', 'sending', 'delivered', 'failed')"));
        // A delivery is an event for a subscription. The key is also the list's order (event ids are version 7 UUIDs, so
        // newest last): each delivery costs as few index entries as possible, since the dispatcher writes every one twice.
        builder.HasKey(d => new { d.SubscriptionId, d.EventId });
        builder.Property(d => d.SubscriptionId).HasColumnName("subscription_id");
        builder.Property(d => d.EventId).HasColumnName("event_id");
        builder.Property(d => d.Status).HasColumnName("status").HasMaxLength(16).IsRequired();
        builder.Property(d => d.Attempts).HasColumnName("attempts");
        builder.Property(d => d.CreatedAt).HasColumnName("created_at").HasDefaultValueSql("now()");
        builder.Property(d => d.RetryFrom).HasColumnName("retry_from").HasDefaultValueSql("now()");
        builder.Property(d => d.NextAttemptAt).HasColumnName("next_attempt_at");
        builder.Property(d => d.LastAttemptAt).HasColumnName("last_attempt_at");
        builder.Property(d => d.LastStatusCode).HasColumnName("last_status_code");
        builder.Property(d => d.LastError).HasColumnName("last_error").HasMaxLength(500);
        builder.Property(d => d.DeliveredAt).HasColumnName("delivered_at");
        builder.HasOne<WebhookSubscription>().WithMany().HasForeignKey(d => d.SubscriptionId).OnDelete(DeleteBehavior.Cascade);
        // No foreign key to the event: events are never deleted, and its index would be one more to write per delivery.
        // What the dispatcher claims, the soonest due first; small, since delivered and failed rows are not in it.
        builder.HasIndex(d => d.NextAttemptAt).HasDatabaseName("ix_webhook_deliveries_due")
            .HasFilter("status IN ('pending', 'sending')");
        // What the subscriptions' health counts: everything not delivered.
        builder.HasIndex(d => d.SubscriptionId).HasDatabaseName("ix_webhook_deliveries_open")
            .HasFilter("status <> 'delivered'");
    }
}
