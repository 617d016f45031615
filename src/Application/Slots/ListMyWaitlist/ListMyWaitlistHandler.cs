using Mediator;
using Ardalis.Specification;
using Slots.Application.Common;
using Slots.Application.Common.Security;
using Slots.Domain.Slots;

namespace Slots.Application.Slots.ListMyWaitlist;

public sealed class ListMyWaitlistHandler(ISlotReader reader, ICurrentUser user, TimeProvider clock)
    : IQueryHandler<ListMyWaitlistQuery, IReadOnlyList<MyWaitlistEntryResponse>>
{
    public async ValueTask<IReadOnlyList<MyWaitlistEntryResponse>> Handle(ListMyWaitlistQuery query, CancellationToken cancellationToken)
    {
        // Theirs by id (the token's subject), as joining and leaving name them.
        var customerId = user.Require().Subject;
        var now = clock.GetUtcNow().UtcDateTime;
        var rows = await reader.ListAsync(
            new UpcomingSlotsSpec(now),
            q => q.SelectMany(s => s.Waitlist
                    .Where(e => e.CustomerId == customerId && e.Status != WaitlistStatus.Left)
                    .Select(e => new
                    {
                        Slot = s,
                        Entry = e,
                        Ahead = s.Waitlist.Count(o => o.Status == WaitlistStatus.Waiting && o.Position < e.Position),
                    }))
                .OrderBy(x => x.Entry.Status != WaitlistStatus.Waiting).ThenBy(x => x.Slot.StartsAt).ThenBy(x => x.Entry.Position)
                .Take(SlotLimits.MaxWaitingPerCustomer + ListMyWaitlistQuery.MaxEnded),
            cancellationToken);
        return rows
            .Select(x => new MyWaitlistEntryResponse
            {
                Entry = x.Entry.ToResponse(position: x.Ahead + 1),
                SpecialistEmail = x.Slot.SpecialistEmail,
                ServiceId = x.Slot.ServiceId,
                Date = x.Slot.Date,
                StartTime = x.Slot.StartTime,
                EndTime = x.Slot.EndTime,
                Timezone = x.Slot.Timezone,
                StartsAt = x.Slot.StartsAt,
                EndsAt = x.Slot.EndsAt,
                TotalCapacity = x.Slot.TotalCapacity,
                WaitingCount = x.Slot.WaitingCount,
            })
            .OrderBy(x => x.StartsAt)
            .ToList();
    }

    /// <summary>Slots that have not started.</summary>
    private sealed class UpcomingSlotsSpec : Specification<Slot>
    {
        public UpcomingSlotsSpec(DateTime now) => Query.Where(s => s.StartsAt > now);
    }
}
