using Slots.Domain.Slots;

namespace Slots.Application.Common;

/// <summary>
/// Loads and stores the <see cref="Slot"/> aggregate for commands. It never commits: the unit-of-work
/// behavior does, once per command.
/// </summary>
public interface ISlotRepository
{
    /// <summary>
    /// Locks the slot's row for the rest of the command's transaction (<c>SELECT ... FOR UPDATE</c>),
    /// then loads the live booking of <paramref name="customerId"/>, if any (no bookings when it is null).
    /// That is all a command needs: capacity is the row's booked count, and the one-live-booking rule
    /// concerns only the acting customer (a unique index backs it). Loading every booking would make each
    /// booking of a busy group session slower than the last. Null when there is no such slot.
    /// </summary>
    Task<Slot?> GetForUpdateAsync(Guid slotId, string? customerId, CancellationToken cancellationToken);

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
