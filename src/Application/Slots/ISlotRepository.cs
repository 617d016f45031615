using Slots.Application.Slots.BookSlot;
using Slots.Domain.Slots;

namespace Slots.Application.Slots;

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
    /// <remarks>
    /// Every load for a change (this one and the ones below, but a series') also loads the slot's seat holds not ended yet,
    /// when it has any (<see cref="Slot.HeldCount"/>), so the slot knows which of them still keep a seat.
    /// </remarks>
    Task<Slot?> GetForUpdateAsync(Guid slotId, SlotLoad load, CancellationToken cancellationToken);

    /// <summary>
    /// For a booking: locks the slot's row like <see cref="GetForUpdateAsync"/>, then the customer (until the
    /// transaction ends, always after the slot, so no two commands wait in opposite orders), counts the customer's
    /// live bookings of slots starting after <paramref name="now"/>, reads the policy of the slot's specialist (the default
    /// when they set none), finds the customer's live booking of the slot and loads the slot, all in one round trip; then,
    /// in a second when there is one, that booking into it. Null slot when there is no such slot.
    /// </summary>
    Task<(Slot? Slot, LiveBookingCounts Held, BookingPolicy SpecialistPolicy)> GetForBookingAsync(
        Guid slotId, string customerId, DateTime now, CancellationToken cancellationToken);

    /// <summary>
    /// For a group of bookings of one slot (<see cref="BookingGroupRun"/>): locks the slot's row, then each customer in the
    /// order given (the caller sorts them, so no two groups wait for each other in opposite orders), counts each one's live
    /// bookings as <see cref="GetForBookingAsync"/> does, reads the policy of the slot's specialist, finds those customers'
    /// live bookings of the slot and loads the slot, all in one round trip; then, in a second when there are any, those
    /// bookings into it. Null slot when there is no such slot.
    /// </summary>
    Task<(Slot? Slot, IReadOnlyDictionary<string, LiveBookingCounts> Held, BookingPolicy SpecialistPolicy)> GetForGroupBookingAsync(
        Guid slotId, IReadOnlyList<string> customerIds, DateTime now, CancellationToken cancellationToken);

    /// <summary>
    /// Serializes changes to one specialist's schedule (a new slot, moved times) until the transaction
    /// ends. Without it, concurrent overlapping inserts wait on each other inside the overlap exclusion
    /// constraint and deadlock; with it they queue, and the constraint answers each in turn.
    /// Takes the slot's <see cref="Slot.SpecialistEmail"/>, which the aggregate has already normalized.
    /// </summary>
    Task LockScheduleAsync(string specialistEmail, CancellationToken cancellationToken);

    /// <summary>
    /// The times of the specialist's slots that overlap [<paramref name="from"/>, <paramref name="to"/>), in start
    /// order. Exact for a command only under <see cref="LockScheduleAsync"/>.
    /// </summary>
    Task<IReadOnlyList<BusyTime>> BusyTimesAsync(Specialist specialist, DateTime from, DateTime to, CancellationToken cancellationToken);

    /// <summary>
    /// Whether the specialist's email, the public handle their slots are published under, is theirs (by issuer and
    /// subject): already, or claimed now when it had no owner and <paramref name="claim"/> is set (in the command's
    /// transaction, exact under <see cref="LockScheduleAsync"/>). False when another owner holds it.
    /// </summary>
    Task<bool> HoldsHandleAsync(Specialist specialist, bool claim, CancellationToken cancellationToken);

    /// <summary>
    /// Locks every slot of the series (in id order, so two commands on one series queue rather than deadlock) and loads
    /// them with their live bookings, in start order. Empty when there is no such series.
    /// </summary>
    Task<IReadOnlyList<Slot>> GetSeriesForUpdateAsync(Guid seriesId, CancellationToken cancellationToken);

    /// <summary>
    /// For a move of a booking: locks both slots' rows in id order (so two moves between the same slots, either way, queue
    /// rather than deadlock, as with a series), then the customer, like <see cref="GetForBookingAsync"/>; reads the
    /// policy of the target's specialist; finds the customer's live booking of each slot; and loads both slots, then those
    /// bookings into them in one round trip. A null slot when there is no such slot.
    /// </summary>
    Task<(Slot? From, Slot? To, BookingPolicy SpecialistPolicy)> GetForMoveAsync(
        Guid fromSlotId, Guid toSlotId, string customerId, CancellationToken cancellationToken);

    /// <summary>
    /// For a change to the customer's place in the slot's waitlist: locks the slot's row, then the customer, like
    /// <see cref="GetForBookingAsync"/>; counts the customer's waiting entries for slots starting after <paramref name="now"/>;
    /// reads the policy of the slot's specialist; finds the customer's live booking of the slot; and loads the slot with the
    /// customer's waiting entry, if any, all in one round trip; then, in a second when there is one, that booking into it.
    /// Null slot when there is no such slot.
    /// </summary>
    Task<(Slot? Slot, int Waiting, BookingPolicy SpecialistPolicy)> GetForWaitlistAsync(
        Guid slotId, string customerId, DateTime now, CancellationToken cancellationToken);

    /// <summary>
    /// For a seat hold: locks the slot's row, then the customer, like <see cref="GetForBookingAsync"/>; counts the customer's
    /// live bookings as a booking does and their live holds (of any slot) at <paramref name="now"/>; reads the policy of the
    /// slot's specialist; and loads the slot with the customer's live booking and its holds, as a booking does.
    /// </summary>
    Task<(Slot? Slot, LiveBookingCounts Held, int Holding, BookingPolicy SpecialistPolicy)> GetForHoldAsync(
        Guid slotId, string customerId, DateTime now, CancellationToken cancellationToken);

    /// <summary>Loads the hold <paramref name="holdId"/> of a slot the command has locked into it, however it stands (a booking or a release names it).</summary>
    Task LoadHoldAsync(Slot slot, Guid holdId, CancellationToken cancellationToken);

    /// <summary>The waiting entries of a slot the command has locked, in line order, loaded into the slot.</summary>
    Task<IReadOnlyList<WaitlistEntry>> LoadWaitlistAsync(Slot slot, CancellationToken cancellationToken);

    void Add(Slot slot);

    void Remove(Slot slot);
}
