using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Slots.Domain.Slots;

namespace Slots.Infrastructure.Persistence.Configurations;

internal sealed class WaitlistEntryConfiguration : IEntityTypeConfiguration<WaitlistEntry>
{
    /// <summary>One waiting entry per customer and slot; <see cref="ConstraintViolations"/> maps it to <c>already_waiting</c>.</summary>
    public const string WaitingCustomerIndex = "ux_waitlist_waiting_customer";

    public void Configure(EntityTypeBuilder<WaitlistEntry> builder)
    {
        builder.ToTable("waitlist_entries", t =>
            t.HasCheckConstraint("ck_waitlist_entries_status", $"status IN ({ColumnTexts.WaitlistStatuses.SqlList})"));
        builder.HasKey(e => e.Id);
        builder.Property(e => e.Id).HasColumnName("id").ValueGeneratedNever();
        builder.Property(e => e.SlotId).HasColumnName("slot_id");
        // The line's order: joins to one slot queue on its row lock, so the sequence hands out positions in joining order.
        builder.Property(e => e.Position).HasColumnName("position").UseIdentityAlwaysColumn();
        builder.Property(e => e.CustomerId).HasColumnName("customer_id").HasMaxLength(SlotLimits.MaxIdLength).IsRequired();
        builder.Property(e => e.CustomerEmail).HasColumnName("customer_email").HasMaxLength(SlotLimits.MaxEmailLength).IsRequired();
        builder.Property(e => e.CustomerName).HasColumnName("customer_name").HasMaxLength(SlotLimits.MaxNameLength).IsRequired();
        builder.Property(e => e.CustomerTimezone).HasColumnName("customer_timezone").HasMaxLength(SlotLimits.MaxTimezoneLength);
        builder.Property(e => e.JoinedAt).HasColumnName("joined_at");
        builder.Property(e => e.Status).HasColumnName("status").HasMaxLength(16).HasConversion(ColumnTexts.WaitlistStatuses.Converter);
        builder.Property(e => e.EndedAt).HasColumnName("ended_at");
        builder.Property(e => e.SkipReason).HasColumnName("skip_reason").HasMaxLength(64);
        builder.Property(e => e.BookingId).HasColumnName("booking_id");
        builder.Ignore(e => e.IsWaiting);
        builder.Ignore(e => e.Customer);

        // A slot's line in order, waiting entries only: what a freed seat reads.
        builder.HasIndex(e => new { e.SlotId, e.Position }).HasDatabaseName("ix_waitlist_line").HasFilter("status = 'waiting'");
        builder.HasIndex(e => new { e.SlotId, e.CustomerId }).HasDatabaseName(WaitingCustomerIndex).IsUnique().HasFilter("status = 'waiting'");
        // A join counts the customer's waiting entries against their limit; their list reads them.
        builder.HasIndex(e => e.CustomerId).HasDatabaseName("ix_waitlist_by_customer");
    }
}
