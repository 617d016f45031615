using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Slots.Domain.Slots;

namespace Slots.Infrastructure.Persistence.Configurations;

internal sealed class SlotConfiguration : IEntityTypeConfiguration<Slot>
{
    /// <summary>Named in the migration; <see cref="ConstraintViolations"/> maps it to <c>slot_overlaps</c>.</summary>
    public const string NoOverlapConstraint = "ex_slots_no_overlap";
    public const string BookedCountConstraint = "ck_slots_booked_count";

    public void Configure(EntityTypeBuilder<Slot> builder)
    {
        builder.ToTable("slots", t =>
        {
            t.HasCheckConstraint(BookedCountConstraint, "booked_count BETWEEN 0 AND total_capacity");
            t.HasCheckConstraint("ck_slots_held_count", "held_count BETWEEN 0 AND total_capacity");
            t.HasCheckConstraint("ck_slots_waiting_count", $"waiting_count BETWEEN 0 AND {SlotLimits.MaxWaitingPerSlot}");
            t.HasCheckConstraint("ck_slots_total_capacity", $"total_capacity BETWEEN {SlotLimits.MinCapacity} AND {SlotLimits.MaxCapacity}");
            t.HasCheckConstraint("ck_slots_time_order", "ends_at > starts_at AND end_time > start_time");
            t.HasCheckConstraint("ck_slots_status", $"status IN ({ColumnTexts.SlotStatuses.SqlList})");
            t.HasCheckConstraint("ck_slots_cancellation_reason", $"cancellation_reason IN ({ColumnTexts.ReasonRules.SqlList})");
        });
        builder.HasKey(s => s.Id);
        builder.Property(s => s.Id).HasColumnName("id").ValueGeneratedNever();
        builder.Property(s => s.SeriesId).HasColumnName("series_id");
        builder.Property(s => s.LegacyId).HasColumnName("legacy_id").HasMaxLength(64);
        builder.Ignore(s => s.HasLiveBookings);
        builder.Property(s => s.SpecialistIssuer).HasColumnName("specialist_issuer").HasMaxLength(SlotLimits.MaxIssuerLength).IsRequired();
        builder.Property(s => s.SpecialistId).HasColumnName("specialist_id").HasMaxLength(SlotLimits.MaxIdLength).IsRequired();
        builder.Property(s => s.SpecialistEmail).HasColumnName("specialist_email").HasMaxLength(SlotLimits.MaxEmailLength).IsRequired();
        builder.Property(s => s.ServiceId).HasColumnName("service_id").HasMaxLength(SlotLimits.MaxIdLength);
        builder.Property(s => s.Date).HasColumnName("date");
        builder.Property(s => s.StartTime).HasColumnName("start_time");
        builder.Property(s => s.EndTime).HasColumnName("end_time");
        builder.Property(s => s.Timezone).HasColumnName("timezone").HasMaxLength(SlotLimits.MaxTimezoneLength).IsRequired();
        builder.Property(s => s.StartsAt).HasColumnName("starts_at");
        builder.Property(s => s.EndsAt).HasColumnName("ends_at");
        builder.Property(s => s.DurationMinutes).HasColumnName("duration_minutes");
        builder.Property(s => s.TotalCapacity).HasColumnName("total_capacity");
        builder.Property(s => s.BookedCount).HasColumnName("booked_count");
        builder.Property(s => s.WaitingCount).HasColumnName("waiting_count").HasDefaultValue(0);
        builder.Property(s => s.HeldCount).HasColumnName("held_count").HasDefaultValue(0);
        builder.Property(s => s.Status).HasColumnName("status").HasMaxLength(16)
            .HasConversion(ColumnTexts.SlotStatuses.Converter);
        // Each part null: the specialist's policy applies (SlotRepository reads it with the slot).
        builder.ComplexProperty(s => s.Policy, policy =>
        {
            policy.Property(p => p.BookingNoticeMinutes).HasColumnName("booking_notice_minutes");
            policy.Property(p => p.CancelNoticeMinutes).HasColumnName("cancel_notice_minutes");
            policy.Property(p => p.RescheduleNoticeMinutes).HasColumnName("reschedule_notice_minutes");
            policy.Property(p => p.Waitlist).HasColumnName("waitlist");
            policy.Property(p => p.CancellationReason).HasColumnName("cancellation_reason").HasMaxLength(16)
                .HasConversion(ColumnTexts.ReasonRules.Converter);
        });
        builder.Property(s => s.CreatedAt).HasColumnName("created_at");
        builder.Property(s => s.UpdatedAt).HasColumnName("updated_at");
        builder.Property(s => s.Version).HasColumnName("version");

        builder.HasMany(s => s.Bookings).WithOne().HasForeignKey(b => b.SlotId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(s => s.Bookings).HasField("_bookings").UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.HasMany(s => s.Waitlist).WithOne().HasForeignKey(e => e.SlotId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(s => s.Waitlist).HasField("_waitlist").UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.HasMany(s => s.Holds).WithOne().HasForeignKey(h => h.SlotId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(s => s.Holds).HasField("_holds").UsePropertyAccessMode(PropertyAccessMode.Field);

        // Both lists read one specialist's slots in start order.
        builder.HasIndex(s => new { s.SpecialistEmail, s.StartsAt }).HasDatabaseName("ix_slots_specialist_starts");

        // A bulk change finds a series' slots; most slots have none.
        // The migration import keys slots on the old document's _id, so a second run finds them.
        builder.HasIndex(s => s.LegacyId).IsUnique().HasDatabaseName("ux_slots_legacy").HasFilter("legacy_id IS NOT NULL");
        builder.HasIndex(s => s.SeriesId).HasDatabaseName("ix_slots_series").HasFilter("series_id IS NOT NULL");
    }
}
