using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Slots.Domain.Slots;

namespace Slots.Infrastructure.Persistence.Configurations;

internal sealed class SeatHoldConfiguration : IEntityTypeConfiguration<SeatHold>
{
    /// <summary>One hold not ended per customer and slot; <see cref="ConstraintViolations"/> maps it to <c>already_holding</c>.</summary>
    public const string LiveCustomerIndex = "ux_seat_holds_live_customer";

    public void Configure(EntityTypeBuilder<SeatHold> builder)
    {
        builder.ToTable("seat_holds", t =>
        {
            t.HasCheckConstraint("ck_seat_holds_status", $"status IN ({ColumnTexts.HoldStatuses.SqlList})");
            t.HasCheckConstraint("ck_seat_holds_expiry", "expires_at > created_at");
        });
        builder.HasKey(h => h.Id);
        builder.Property(h => h.Id).HasColumnName("id").ValueGeneratedNever();
        builder.Property(h => h.SlotId).HasColumnName("slot_id");
        builder.Property(h => h.CustomerId).HasColumnName("customer_id").HasMaxLength(SlotLimits.MaxIdLength).IsRequired();
        builder.Property(h => h.CustomerEmail).HasColumnName("customer_email").HasMaxLength(SlotLimits.MaxEmailLength).IsRequired();
        builder.Property(h => h.CustomerName).HasColumnName("customer_name").HasMaxLength(SlotLimits.MaxNameLength).IsRequired();
        builder.Property(h => h.CustomerTimezone).HasColumnName("customer_timezone").HasMaxLength(SlotLimits.MaxTimezoneLength);
        builder.Property(h => h.CreatedAt).HasColumnName("created_at");
        builder.Property(h => h.ExpiresAt).HasColumnName("expires_at");
        builder.Property(h => h.Status).HasColumnName("status").HasMaxLength(16).HasConversion(ColumnTexts.HoldStatuses.Converter);
        builder.Property(h => h.EndedAt).HasColumnName("ended_at");
        builder.Property(h => h.BookingId).HasColumnName("booking_id");

        // A slot's holds not ended, by customer: one each, and what a command on the slot loads and the customer's view counts.
        builder.HasIndex(h => new { h.SlotId, h.CustomerId }).HasDatabaseName(LiveCustomerIndex).IsUnique().HasFilter("status = 'live'");
        // A hold counts the customer's live holds against their limit.
        builder.HasIndex(h => h.CustomerId).HasDatabaseName("ix_seat_holds_by_customer").HasFilter("status = 'live'");
        // The sweep finds the holds past their time.
        builder.HasIndex(h => h.ExpiresAt).HasDatabaseName("ix_seat_holds_expiry").HasFilter("status = 'live'");
    }
}
