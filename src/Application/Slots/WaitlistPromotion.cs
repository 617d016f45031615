using Slots.Application.Events;
using Slots.Application.Notifications;
using Slots.Application.Slots.BookSlot;
using Slots.Domain.Common;
using Slots.Domain.Slots;

namespace Slots.Application.Slots;

/// <summary>
/// Gives the seats a command freed (a cancellation, a move out, a hold released, a slot opened again) to the slot's waitlist, in that
/// command's transaction, under the slot's row lock; and, before a command takes a seat (a booking, a hold, a move in, a
/// join), the seats holds kept until their time ran out, so that nobody takes a seat ahead of those waiting for it. First it ends
/// the slot's holds past their time (<c>slots.hold.expired</c> each). Then the first customer in line who may still book gets an ordinary
/// booking (<c>slots.booking.created</c> with <c>fromWaitlist</c>, their confirmation and reminders); one who may not
/// (already booked, at a booking limit) is taken out of line (<c>slots.waitlist.skipped</c>) and the next is asked.
/// Each candidate is checked as a booking is: their customer lock taken after the slot's, their live bookings counted.
/// </summary>
public sealed class WaitlistPromotion(ISlotRepository slots, BookingLimits limits, IEventOutbox events, INotificationOutbox notifications)
{
    /// <summary>
    /// Ends <paramref name="slot"/>'s holds past their time, then fills its free seats from its line while it could be booked;
    /// nothing more when nobody waits.
    /// </summary>
    public async Task FillAsync(Slot slot, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(slot);
        foreach (var hold in slot.ExpireHolds(now))
        {
            events.Add(EventTypes.HoldExpired, slot.Id, HoldEventData.Of(hold, slot));
        }

        if (slot.WaitingCount == 0 || slot.SeatsLeft(now) <= 0)
        {
            return;
        }

        foreach (var entry in await slots.LoadWaitlistAsync(slot, cancellationToken))
        {
            if (slot.SeatsLeft(now) <= 0)
            {
                return;
            }

            var (_, held, policy) = await slots.GetForBookingAsync(slot.Id, entry.CustomerId, now.UtcDateTime, cancellationToken);
            if (!slot.CanSeatFromWaitlist(now, policy))
            {
                // Inactive, started or past its booking notice: nobody may book it, so the line waits as it is.
                return;
            }

            try
            {
                slot.EnsureBookable(entry.Customer, now, policy);
                limits.EnsureRoomFor(held);
            }
            catch (DomainException refused)
            {
                slot.SkipWaiting(entry, refused.Code, now);
                events.Add(EventTypes.WaitlistSkipped, slot.Id, WaitlistEventData.Of(entry, slot));
                continue;
            }

            var booking = slot.BookFromWaitlist(entry, now, policy);
            var data = BookingEventData.Of(booking, slot) with { FromWaitlist = true };
            notifications.Booked(events.Add(EventTypes.BookingCreated, slot.Id, data), booking, slot);
        }
    }
}
