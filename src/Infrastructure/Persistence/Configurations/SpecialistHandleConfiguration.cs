using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Slots.Application.Specialists;
using Slots.Domain.Slots;

namespace Slots.Infrastructure.Persistence.Configurations;

internal sealed class SpecialistHandleConfiguration : IEntityTypeConfiguration<SpecialistHandle>
{
    public void Configure(EntityTypeBuilder<SpecialistHandle> builder)
    {
        builder.ToTable("specialists", t => t.HasCheckConstraint(
            "ck_specialists_cancellation_reason", $"cancellation_reason IN ({ColumnTexts.ReasonRules.SqlList})"));
        builder.HasKey(h => h.Email);
        builder.Property(h => h.Email).HasColumnName("email").HasMaxLength(SlotLimits.MaxEmailLength);
        builder.Property(h => h.Issuer).HasColumnName("issuer").HasMaxLength(SlotLimits.MaxIssuerLength).IsRequired();
        builder.Property(h => h.Subject).HasColumnName("subject").HasMaxLength(SlotLimits.MaxIdLength).IsRequired();
        builder.Property(h => h.CreatedAt).HasColumnName("created_at").HasDefaultValueSql("now()");
        builder.Property(h => h.DisplayName).HasColumnName("display_name").HasMaxLength(ProfileLimits.MaxDisplayNameLength);
        builder.Property(h => h.Introduction).HasColumnName("introduction").HasMaxLength(ProfileLimits.MaxIntroductionLength);
        builder.Property(h => h.Timezone).HasColumnName("timezone").HasMaxLength(SlotLimits.MaxTimezoneLength);
        builder.Property(h => h.Services).HasColumnName("services").HasColumnType("jsonb").HasDefaultValueSql("'[]'::jsonb");
        // A handle claimed by a first slot has the default policy until its specialist sets one.
        builder.ComplexProperty(h => h.Policy, policy =>
        {
            policy.Property(p => p.BookingNoticeMinutes).HasColumnName("booking_notice_minutes").HasDefaultValue(0);
            policy.Property(p => p.CancelNoticeMinutes).HasColumnName("cancel_notice_minutes").HasDefaultValue(0);
            policy.Property(p => p.RescheduleNoticeMinutes).HasColumnName("reschedule_notice_minutes");
            policy.Property(p => p.Waitlist).HasColumnName("waitlist").HasDefaultValue(false);
            policy.Property(p => p.CancellationReason).HasColumnName("cancellation_reason").HasMaxLength(16)
                .HasConversion(ColumnTexts.ReasonRules.Converter).HasDefaultValue(ReasonRule.Optional);
        });
    }
}
