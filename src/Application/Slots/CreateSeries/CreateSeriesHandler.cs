using Mediator;
using Slots.Application.Common;
using Slots.Application.Common.Security;
using Slots.Application.Events;
using Slots.Domain.Common;
using Slots.Domain.Slots;

namespace Slots.Application.Slots.CreateSeries;

/// <summary>
/// Turns a weekly pattern into slots in one transaction. Under the specialist's schedule lock (which every create and
/// every change of times takes) it reads the slots already there, so "overlaps" is decided exactly: such a slot of the
/// pattern is skipped with its reason, like one in a DST gap or in the past, and the rest are inserted in batches. The
/// overlap constraint stays the backstop. One <c>slots.series.created</c> event names the slots made. A dry run reads
/// without the lock and writes nothing.
/// </summary>
public sealed class CreateSeriesHandler(ISlotRepository slots, ICurrentUser user, TimeProvider clock, IEventOutbox events, IBulkWriteBudget budget)
    : ICommandHandler<CreateSeriesCommand, SeriesResponse>
{
    public async ValueTask<SeriesResponse> Handle(CreateSeriesCommand command, CancellationToken cancellationToken)
    {
        var specialist = user.Require().SpecialistFor(command.SpecialistEmail, command.SpecialistId);
        var pattern = WeeklyPattern.Create(
            LocalFormats.ParseDate(command.From),
            LocalFormats.ParseDate(command.To),
            command.Weekdays.Select(d => CreateSeriesValidator.DayNames[d]),
            command.Windows.Select(w => new TimeWindow(LocalFormats.ParseTime(w.StartTime), LocalFormats.ParseTime(w.EndTime))),
            command.SlotMinutes!.Value,
            command.GapMinutes ?? 0);
        var now = clock.GetUtcNow();
        var timezone = command.Timezone ?? "UTC";
        var capacity = command.TotalCapacity ?? 1;
        var policy = command.Policy?.ToOverride();
        var skipped = new List<SkippedSlot>();
        var times = new List<SlotTime>(pattern.Count);
        foreach (var local in pattern.Slots())
        {
            if (Resolve(local, timezone, now, skipped) is { } time)
            {
                times.Add(time);
            }
        }

        var owner = specialist with { Email = EmailAddress.Normalize(specialist.Email) };
        if (!command.DryRun)
        {
            await slots.LockScheduleAsync(owner.Email, cancellationToken);
        }

        if (!await slots.HoldsHandleAsync(owner, claim: !command.DryRun, cancellationToken))
        {
            throw SlotErrors.HandleTaken(owner.Email);
        }

        var busy = new BusySchedule(times.Count == 0
            ? []
            : await slots.BusyTimesAsync(owner, times[0].StartsAt, times.Max(t => t.EndsAt), cancellationToken));
        var seriesId = command.DryRun ? (Guid?)null : Guid.CreateVersion7(now);
        var created = new List<SlotResponse>(times.Count);
        foreach (var time in times)
        {
            if (!busy.TryReserve(time.StartsAt, time.EndsAt))
            {
                var overlap = SlotErrors.Overlaps();
                skipped.Add(new SkippedSlot(time.Date, time.StartTime, time.EndTime, overlap.Code, overlap.Message));
                continue;
            }

            var slot = Slot.Create(specialist, command.ServiceId, time, capacity, now, seriesId, policy);
            var response = slot.ToResponse();
            created.Add(response);
            if (!command.DryRun)
            {
                slots.Add(slot);
            }
        }

        if (seriesId is { } id && created.Count > 0)
        {
            budget.Spend(created.Count);
            events.Add(EventTypes.SeriesCreated, id, new SeriesEventData(id, created.ConvertAll(s => s.Id), SpecialistEmail: owner.Email));
        }

        skipped.Sort((a, b) => (a.Date, a.StartTime).CompareTo((b.Date, b.StartTime)));
        return new SeriesResponse(seriesId, created, skipped);
    }

    /// <summary>The slot's instants, or null with the reason it is skipped: a DST gap, or a start not in the future.</summary>
    private static SlotTime? Resolve(LocalSlot local, string timezone, DateTimeOffset now, List<SkippedSlot> skipped)
    {
        DomainException refusal;
        try
        {
            var time = SlotTime.Create(local.Date, local.Start, local.End, timezone);
            if (time.StartsAt > now.UtcDateTime)
            {
                return time;
            }

            refusal = SlotErrors.StartNotInFuture();
        }
        catch (DomainException gap) when (gap.Code == SlotErrors.NonexistentLocalTimeCode)
        {
            refusal = gap;
        }

        skipped.Add(new SkippedSlot(local.Date, local.Start, local.End, refusal.Code, refusal.Message));
        return null;
    }
}
