using Ardalis.Specification;
using Slots.Application.Slots;
using Slots.Application.Slots.ListAvailableSlots;
using Slots.Domain.Slots;

namespace Slots.Tests.Shared;

/// <summary>
/// The tests' oracle for the customers' view: what an <see cref="AvailableSlotsCriteria"/> means, as an ordinary
/// specification over slots, and the row the view shows for each. Production reads the view with one hand-written
/// statement; the tests run this beside it (on PostgreSQL, and in memory for the handler's own tests).
/// </summary>
public sealed class AvailableSlotsMeaning : Specification<Slot>
{
    /// <param name="owner">
    /// The handle's owner, when the test knows it: only their slots under the email are shown (production looks it up in
    /// the same statement); null where every slot of the email is the owner's (the handler's tests).
    /// </param>
    /// <param name="specialistsWaitlist">Whether the owner's policy takes a waitlist (for a criteria that includes full slots).</param>
    public AvailableSlotsMeaning(AvailableSlotsCriteria criteria, (string Issuer, string Subject)? owner = null, bool specialistsWaitlist = false)
    {
        ArgumentNullException.ThrowIfNull(criteria);
        var (email, earliest, from, to, now) = (criteria.SpecialistEmail, criteria.Earliest, criteria.From, criteria.To, criteria.Now);
        if (owner is var (issuer, subject))
        {
            Query.Where(s => s.SpecialistIssuer == issuer && s.SpecialistId == subject);
        }

        if (criteria.ServiceId is { } service)
        {
            Query.Where(s => s.ServiceId == service || s.ServiceId == null);
        }

        Query.Where(s => s.SpecialistEmail == email
                && s.Status == SlotStatus.Active
                && s.StartsAt > earliest
                && (s.BookedCount + s.Holds.Count(h => h.Status == HoldStatus.Live && h.ExpiresAt > now) < s.TotalCapacity
                    || (criteria.IncludeFull && s.WaitingCount < SlotLimits.MaxWaitingPerSlot && (s.Policy.Waitlist ?? specialistsWaitlist)))
                && s.Date >= from
                && s.Date <= to)
            .OrderBy(s => s.StartsAt)
            .Take(criteria.Limit);
    }

    /// <summary>The row the view shows for each slot at <paramref name="now"/>: no bookings, the seats nobody books or holds.</summary>
    public static Func<IQueryable<Slot>, IQueryable<AvailableSlotResponse>> RowsAt(DateTime now) => slots =>
        slots.Select(s => new AvailableSlotResponse
        {
            Id = s.Id,
            SpecialistEmail = s.SpecialistEmail,
            ServiceId = s.ServiceId,
            Date = s.Date,
            StartTime = s.StartTime,
            EndTime = s.EndTime,
            Timezone = s.Timezone,
            StartsAt = s.StartsAt,
            EndsAt = s.EndsAt,
            Duration = s.DurationMinutes,
            TotalCapacity = s.TotalCapacity,
            RemainingCapacity = s.TotalCapacity - s.BookedCount - s.Holds.Count(h => h.Status == HoldStatus.Live && h.ExpiresAt > now),
            WaitlistOpen = s.TotalCapacity == s.BookedCount + s.Holds.Count(h => h.Status == HoldStatus.Live && h.ExpiresAt > now),
            WaitingCount = s.WaitingCount,
        });
}
