using Slots.Application.Common.Waits;
using Slots.Domain.Slots;

namespace Slots.Application.Slots.BookSlot;

/// <summary>
/// Gathers the bookings of one slot that arrive while the slot's commands are busy, so that one transaction books them all
/// (<see cref="BookingGroupRun"/>): one row lock, one commit, each caller answered for its own booking. The first booking of
/// a group leads it: it takes its place in the <see cref="SlotQueue"/> like any command, and the bookings that arrive while
/// it waits there join it, up to <see cref="WaitLimits.BookingGroupSize"/>. When its turn comes the group closes (later
/// arrivals form the next one) and runs. A group of one is an ordinary booking. Each process groups its own bookings; the
/// row lock orders them against every other command, in any process.
/// </summary>
public sealed class BookingGroups
{
    private readonly Dictionary<Guid, Group> _forming = [];
    private readonly int _size;

    public BookingGroups(WaitLimits limits)
    {
        ArgumentNullException.ThrowIfNull(limits);
        _size = limits.BookingGroupSize;
    }

    /// <summary>Whether bookings are grouped at all (a group size above one).</summary>
    public bool Enabled => _size > 1;

    /// <summary>Joins the slot's forming group, or opens one (which the caller then leads) when there is none or it is full.</summary>
    public (Group Group, bool Leads) Join(BookingGroupMember member)
    {
        ArgumentNullException.ThrowIfNull(member);
        var slotId = member.Command.SlotId;
        lock (_forming)
        {
            if (_forming.TryGetValue(slotId, out var forming) && forming.Members.Count < _size)
            {
                forming.Members.Add(member);
                return (forming, false);
            }

            var opened = new Group(slotId, member);
            _forming[slotId] = opened;
            return (opened, true);
        }
    }

    /// <summary>Closes the group: nobody joins it after. Its members, the leader first, then in arrival order.</summary>
    public IReadOnlyList<BookingGroupMember> Close(Group group)
    {
        ArgumentNullException.ThrowIfNull(group);
        lock (_forming)
        {
            if (!group.Closed)
            {
                group.Closed = true;
                if (_forming.TryGetValue(group.SlotId, out var forming) && forming == group)
                {
                    _forming.Remove(group.SlotId);
                }
            }

            return [.. group.Members];
        }
    }

    /// <summary>
    /// Takes a member out of a group that has not closed (its budget ran out while it waited): true when it was; false when
    /// the group already runs, and books it or not whatever the member does now.
    /// </summary>
    public bool Withdraw(Group group, BookingGroupMember member)
    {
        ArgumentNullException.ThrowIfNull(group);
        lock (_forming)
        {
            return !group.Closed && group.Members.Remove(member);
        }
    }

    /// <summary>How many bookings wait in the slot's forming group (the tests watch a group fill).</summary>
    public int Forming(Guid slotId)
    {
        lock (_forming)
        {
            return _forming.TryGetValue(slotId, out var forming) ? forming.Members.Count : 0;
        }
    }

    /// <summary>Bookings of one slot to be made in one transaction.</summary>
    public sealed class Group
    {
        internal Group(Guid slotId, BookingGroupMember leader) => (SlotId, Members) = (slotId, [leader]);

        public Guid SlotId { get; }

        internal List<BookingGroupMember> Members { get; }

        internal bool Closed { get; set; }
    }
}

/// <summary>
/// One booking in a group: the command, the customer it books (as its own caller's token allows), the caller's idempotency
/// scope, and the answer it is waiting for.
/// </summary>
public sealed class BookingGroupMember(BookSlotCommand command, Customer customer, string keyScope)
{
    private readonly TaskCompletionSource<GroupAnswer> _answer = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public BookSlotCommand Command { get; } = command;

    public Customer Customer { get; } = customer;

    /// <summary>Whose idempotency keys (<see cref="Common.Idempotency.KeptAnswers.Scope"/>).</summary>
    public string KeyScope { get; } = keyScope;

    /// <summary>The answer, once the group has run; a refusal or failure as the task's exception.</summary>
    public Task<GroupAnswer> Answer => _answer.Task;

    internal void Answered(BookingConfirmation confirmation, string? commitToken) =>
        _answer.TrySetResult(new GroupAnswer(confirmation, commitToken));

    internal void Refused(Exception error) => _answer.TrySetException(error);

    /// <summary>The group could not answer for this booking: it is made alone, like any command.</summary>
    internal void Alone() => _answer.TrySetResult(new GroupAnswer(null, null));
}

/// <summary>A member's answer: its confirmation and where the group committed; no confirmation when it is to be made alone.</summary>
public sealed record GroupAnswer(BookingConfirmation? Confirmation, string? CommitToken);
