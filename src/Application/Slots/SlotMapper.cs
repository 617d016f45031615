using Riok.Mapperly.Abstractions;
using Slots.Application.Events;
using Slots.Application.Slots.ListMyBookings;
using Slots.Domain.Slots;

namespace Slots.Application.Slots;

/// <summary>The one outbound mapping: aggregates and query rows into response DTOs.</summary>
[Mapper]
public static partial class SlotMapper
{
    [MapProperty(nameof(Slot.DurationMinutes), nameof(SlotResponse.Duration))]
    [MapperIgnoreSource(nameof(Slot.SpecialistIssuer))]
    [MapperIgnoreSource(nameof(Slot.HasLiveBookings))]
    [MapperIgnoreSource(nameof(Slot.LegacyId))]
    [MapperIgnoreSource(nameof(Slot.Waitlist))]
    [MapperIgnoreSource(nameof(Slot.Holds))]
    [MapperIgnoreTarget(nameof(SlotResponse.IsFullyBooked))]
    [MapperIgnoreTarget(nameof(SlotResponse.Replayed))]
    public static partial SlotResponse ToResponse(this Slot slot);

    public static partial IQueryable<SlotResponse> ProjectToResponse(this IQueryable<Slot> slots);

    [MapProperty(nameof(Slot.DurationMinutes), nameof(SlotSummary.Duration))]
    [MapperIgnoreSource(nameof(Slot.SpecialistIssuer))]
    [MapperIgnoreSource(nameof(Slot.HasLiveBookings))]
    [MapperIgnoreSource(nameof(Slot.LegacyId))]
    [MapperIgnoreSource(nameof(Slot.Bookings))]
    [MapperIgnoreSource(nameof(Slot.Waitlist))]
    [MapperIgnoreSource(nameof(Slot.Holds))]
    [MapperIgnoreSource(nameof(Slot.WaitingCount))]
    [MapperIgnoreSource(nameof(Slot.CreatedAt))]
    [MapperIgnoreSource(nameof(Slot.Policy))]
    public static partial SlotSummary ToSummary(this Slot slot);

    /// <summary>Bookings with their cancellation, if any: by hand, since Mapperly cannot gather three columns into one object.</summary>
    public static IQueryable<BookingResponse> ProjectToBookings(this IQueryable<Booking> bookings) =>
        bookings.Select(b => new BookingResponse
        {
            Id = b.Id,
            CustomerId = b.CustomerId,
            CustomerEmail = b.CustomerEmail,
            CustomerName = b.CustomerName,
            BookedAt = b.BookedAt,
            Policy = b.Policy,
            CancellableUntil = b.CancellableUntil,
            ReschedulableUntil = b.ReschedulableUntil,
            CancelledAt = b.CancelledAt,
            MovedFrom = b.MovedFrom,
            Cancellation = b.CancelledBy == null
                ? null
                : new BookingEventData.CancellationFacts(b.CancelledBy.Value, b.CancellationReason, b.CancelledLate),
        });

    /// <summary>
    /// Each slot with the one live booking <paramref name="customerId"/> holds in it (the unique index allows one): by
    /// hand, since the booking is picked by a value Mapperly's projections cannot take.
    /// </summary>
    public static IQueryable<MyBookingResponse> ProjectToMyBookings(this IQueryable<Slot> slots, string customerId) =>
        slots.Select(s => new
            {
                Slot = s,
                Booking = s.Bookings.First(b => b.CustomerId == customerId && b.CancelledAt == null),
            })
            .Select(x => new MyBookingResponse
            {
                SlotId = x.Slot.Id,
                SpecialistEmail = x.Slot.SpecialistEmail,
                ServiceId = x.Slot.ServiceId,
                Date = x.Slot.Date,
                StartTime = x.Slot.StartTime,
                EndTime = x.Slot.EndTime,
                Timezone = x.Slot.Timezone,
                StartsAt = x.Slot.StartsAt,
                EndsAt = x.Slot.EndsAt,
                Duration = x.Slot.DurationMinutes,
                CustomerId = x.Booking.CustomerId,
                CustomerName = x.Booking.CustomerName,
                BookedAt = x.Booking.BookedAt,
                BookingId = x.Booking.Id,
                CancellableUntil = x.Booking.CancellableUntil,
                ReschedulableUntil = x.Booking.ReschedulableUntil,
                Policy = x.Booking.Policy,
            });

    /// <summary>A waitlist entry; <paramref name="position"/> is its place in line while it waits (1 for the first).</summary>
    public static WaitlistEntryResponse ToResponse(this WaitlistEntry entry, int? position) => new()
    {
        Id = entry.Id,
        SlotId = entry.SlotId,
        CustomerId = entry.CustomerId,
        CustomerEmail = entry.CustomerEmail,
        CustomerName = entry.CustomerName,
        JoinedAt = entry.JoinedAt,
        Status = entry.Status,
        Position = entry.IsWaiting ? position : null,
        EndedAt = entry.EndedAt,
        SkipReason = entry.SkipReason,
        BookingId = entry.BookingId,
    };

    // A slot shows its live bookings (at most its capacity, so a response stays bounded), in the order they were made.
    private static IReadOnlyList<BookingResponse> MapBookings(IReadOnlyCollection<Booking> bookings) =>
        bookings.Where(b => b.CancelledAt == null).OrderBy(b => b.BookedAt).ThenBy(b => b.Id).Select(b => MapBooking(b)).ToList();

    [MapperIgnoreSource(nameof(Booking.SlotId))]
    [MapperIgnoreSource(nameof(Booking.IsLive))]
    [MapperIgnoreSource(nameof(Booking.Sequence))]
    [MapperIgnoreSource(nameof(Booking.CustomerTimezone))]
    [MapperIgnoreSource(nameof(Booking.CancelledBy))]
    [MapperIgnoreSource(nameof(Booking.CancellationReason))]
    [MapperIgnoreSource(nameof(Booking.CancelledLate))]
    [MapperIgnoreTarget(nameof(BookingResponse.Cancellation))]
    internal static partial BookingResponse MapBooking(Booking booking); // of live bookings only, which have no cancellation
}
