using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Slots.Domain.Slots;

namespace Slots.Infrastructure.Persistence.Configurations;

internal sealed class BookingConfiguration : IEntityTypeConfiguration<Booking>
{
    /// <summary>One live booking per customer and slot; <see cref="ConstraintViolations"/> maps it to <c>already_booked</c>.</summary>
    public const string LiveCustomerIndex = "ux_bookings_live_customer";

    public void Configure(EntityTypeBuilder<Booking> builder)
    {
        builder.ToTable("bookings", t =>
        {
            t.HasCheckConstraint("ck_bookings_policy_reason", $"policy_cancellation_reason IN ({ColumnTexts.ReasonRules.SqlList})");
            t.HasCheckConstraint("ck_bookings_cancelled_by", $"cancelled_by IN ({ColumnTexts.Cancellers.SqlList})");
        });
        builder.HasKey(b => b.Id);
        builder.Property(b => b.Id).HasColumnName("id").ValueGeneratedNever();
        builder.Property(b => b.SlotId).HasColumnName("slot_id");
        builder.Property(b => b.CustomerId).HasColumnName("customer_id").HasMaxLength(SlotLimits.MaxIdLength).IsRequired();
        builder.Property(b => b.CustomerEmail).HasColumnName("customer_email").HasMaxLength(SlotLimits.MaxEmailLength).IsRequired();
        builder.Property(b => b.CustomerName).HasColumnName("customer_name").HasMaxLength(SlotLimits.MaxNameLength).IsRequired();
        builder.Property(b => b.BookedAt).HasColumnName("booked_at");
        builder.Property(b => b.CancelledAt).HasColumnName("cancelled_at");
        builder.Property(b => b.Sequence).HasColumnName("sequence").HasDefaultValue(0);
        builder.Property(b => b.CustomerTimezone).HasColumnName("customer_timezone").HasMaxLength(SlotLimits.MaxTimezoneLength);
        builder.Ignore(b => b.IsLive);
        builder.ComplexProperty(b => b.Policy, policy =>
        {
            policy.Property(p => p.BookingNoticeMinutes).HasColumnName("policy_booking_notice_minutes");
            policy.Property(p => p.CancelNoticeMinutes).HasColumnName("policy_cancel_notice_minutes");
            policy.Property(p => p.RescheduleNoticeMinutes).HasColumnName("policy_reschedule_notice_minutes");
            policy.Property(p => p.Waitlist).HasColumnName("policy_waitlist").HasDefaultValue(false);
            policy.Property(p => p.CancellationReason).HasColumnName("policy_cancellation_reason").HasMaxLength(16)
                .HasConversion(ColumnTexts.ReasonRules.Converter);
        });
        builder.Property(b => b.CancellableUntil).HasColumnName("cancellable_until");
        builder.Property(b => b.ReschedulableUntil).HasColumnName("reschedulable_until");
        builder.Property(b => b.CancelledBy).HasColumnName("cancelled_by").HasMaxLength(16).HasConversion(ColumnTexts.Cancellers.Converter);
        builder.Property(b => b.CancellationReason).HasColumnName("cancellation_reason").HasMaxLength(SlotLimits.MaxReasonLength);
        builder.Property(b => b.CancelledLate).HasColumnName("cancelled_late");
        // The slots a booking was moved out of, in order: a Postgres array beside the booking, read and written with it.
        builder.Property(b => b.MovedFrom).HasColumnName("moved_from").HasDefaultValueSql("'{}'::uuid[]").IsRequired();

        // Loading a slot's bookings reads live and cancelled ones; the unique index below covers live ones only.
        builder.HasIndex(b => b.SlotId).HasDatabaseName("ix_bookings_slot");
        builder.HasIndex(b => new { b.SlotId, b.CustomerId })
            .HasDatabaseName(LiveCustomerIndex)
            .IsUnique()
            .HasFilter("cancelled_at IS NULL");
        // A booking counts the customer's live bookings against their limits (CommandRoundTrips).
        builder.HasIndex(b => b.CustomerId)
            .HasDatabaseName("ix_bookings_live_by_customer")
            .HasFilter("cancelled_at IS NULL");
    }
}
