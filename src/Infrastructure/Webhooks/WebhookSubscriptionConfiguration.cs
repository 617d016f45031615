using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Slots.Infrastructure.Webhooks;

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
        builder.Property(s => s.Secret).HasColumnName("secret").HasMaxLength(WebhookSecrets.MaxSealedLength).IsRequired();
        builder.Property(s => s.PreviousSecret).HasColumnName("previous_secret").HasMaxLength(WebhookSecrets.MaxSealedLength);
        builder.Property(s => s.PreviousSecretUntil).HasColumnName("previous_secret_until");
        builder.Property(s => s.CreatedAt).HasColumnName("created_at");
        builder.Property(s => s.Failures).HasColumnName("failures").HasDefaultValue(0);
        builder.Property(s => s.Parks).HasColumnName("parks").HasDefaultValue(0);
        builder.Property(s => s.ParkedUntil).HasColumnName("parked_until");
        builder.Property(s => s.FailingSince).HasColumnName("failing_since");
        builder.Property(s => s.DisabledAt).HasColumnName("disabled_at");
        builder.Property(s => s.FailedCount).HasColumnName("failed_count").HasDefaultValue(0);
        builder.Property(s => s.LastError).HasColumnName("last_error").HasMaxLength(WebhookSender.MaxErrorLength);
        builder.Property(s => s.LastFailureAt).HasColumnName("last_failure_at");
    }
}
