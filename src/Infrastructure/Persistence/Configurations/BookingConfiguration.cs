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
        builder.ToTable("bookings");
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
