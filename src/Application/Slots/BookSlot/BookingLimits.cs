using Slots.Domain.Common;

namespace Slots.Application.Slots.BookSlot;

/// <summary>
/// How many live bookings of slots still to come one customer may hold: in all, and with one specialist. Without
/// them one customer could hold every seat of a specialist's month. Counted and decided under a per-customer lock
/// inside the booking's transaction, so concurrent bookings of one customer cannot both slip under a limit.
/// </summary>
/// <param name="PerCustomer">Live future bookings one customer may hold in all.</param>
/// <param name="PerCustomerWithSpecialist">Live future bookings one customer may hold with one specialist.</param>
public sealed record BookingLimits(int PerCustomer, int PerCustomerWithSpecialist)
{
    public static BookingLimits Default { get; } = new(50, 10);

    /// <summary>409 <c>booking_limit_reached</c> when one more booking would pass a limit.</summary>
    public void EnsureRoomFor(LiveBookingCounts held)
    {
        ArgumentNullException.ThrowIfNull(held);
        if (held.WithSpecialist >= PerCustomerWithSpecialist)
        {
            throw Reached($"A customer may hold at most {PerCustomerWithSpecialist} upcoming bookings with one specialist.");
        }

        if (held.Total >= PerCustomer)
        {
            throw Reached($"A customer may hold at most {PerCustomer} upcoming bookings.");
        }
    }

    private static DomainException Reached(string message) =>
        new("booking_limit_reached", message + " Cancel one to book another.", DomainErrorKind.Conflict);
}
