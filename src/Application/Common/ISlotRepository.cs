using Slots.Domain.Slots;

namespace Slots.Application.Common;

/// <summary>
/// Loads and stores the <see cref="Slot"/> aggregate for commands. It never commits: the unit-of-work
/// behavior does, once per command.
/// </summary>
public interface ISlotRepository
{
    /// <summary>
    /// Locks the slot's row for the rest of the command's transaction (<c>SELECT ... FOR UPDATE</c>), then
    /// loads the slot with the bookings <paramref name="load"/> names. Null when there is no such slot.
    /// </summary>
    Task<Slot?> GetForUpdateAsync(Guid slotId, SlotLoad load, CancellationToken cancellationToken);

    /// <summary>
    /// Serializes changes to one specialist's schedule (a new slot, moved times) until the transaction
    /// ends. Without it, concurrent overlapping inserts wait on each other inside the overlap exclusion
    /// constraint and deadlock; with it they queue, and the constraint answers each in turn.
    /// Takes the slot's <see cref="Slot.SpecialistEmail"/>, which the aggregate has already normalized.
    /// </summary>
    Task LockScheduleAsync(string specialistEmail, CancellationToken cancellationToken);

    void Add(Slot slot);

    void Remove(Slot slot);
}
