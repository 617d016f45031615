using Slots.Application.Common;
using Slots.Application.Common.Idempotency;
using Slots.Application.Events;
using Slots.Application.Notifications;
using Slots.Domain.Slots;
using Slots.Domain.Common;

namespace Slots.Application.Slots.BookSlot;

/// <summary>
/// Makes a group's bookings (<see cref="BookingGroups"/>) in one transaction, in the leader's request, and answers each
/// member as if its booking had been alone. In order: each member's idempotency key locked and looked up (a kept answer is
/// given again); the slot's row locked, then every customer of the group (in one order, so no two groups wait in opposite
/// orders); the seats lapsed holds kept given to the waitlist; then each booking in arrival order, with the rules a booking
/// alone meets: the seats left (the group's earlier bookings taken), one live booking per customer (a second of the group's is
/// <c>already_booked</c>), the customer's limits. A refused booking is refused alone; the others commit together, each with
/// its event, its mail and its kept answer.
/// </summary>
/// <remarks>
/// A failure of the whole transaction: a transient one replays the group (the unit of work's strategy); a constraint the
/// database enforced, or the leader's budget running out, sends every member to be made alone, which answers each exactly;
/// anything else is every member's answer. A member whose key another member of the group also sent is made alone after the
/// group, and finds the first one's kept answer.
/// </remarks>
public sealed class BookingGroupRun(
    IUnitOfWork unitOfWork, ISlotRepository slots, IIdempotencyStore keys, TimeProvider clock, CommitPosition position,
    BookingLimits limits, IEventOutbox events, INotificationOutbox notifications, WaitlistPromotion waitlist)
{
    private readonly BookingWriter _writer = new(limits, events, notifications);

    /// <summary>Runs the group and answers every member (<see cref="BookingGroupMember.Answer"/>).</summary>
    public async Task RunAsync(IReadOnlyList<BookingGroupMember> members, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(members);
        object?[] outcomes;
        try
        {
            outcomes = await unitOfWork.ExecuteAsync(ct => BookAsync(members, ct), cancellationToken);
        }
        catch (Exception e) when (e is DomainException or OperationCanceledException)
        {
            foreach (var member in members)
            {
                member.Alone();
            }

            return;
        }
        catch (Exception e)
        {
            foreach (var member in members)
            {
                member.Refused(e);
            }

            return;
        }

        for (var i = 0; i < members.Count; i++)
        {
            switch (outcomes[i])
            {
                case BookingConfirmation confirmation:
                    members[i].Answered(confirmation, position.Token);
                    break;
                case Exception refused:
                    members[i].Refused(refused);
                    break;
                default:
                    members[i].Alone();
                    break;
            }
        }
    }

    /// <summary>One attempt: each member's confirmation, refusal, or null (made alone).</summary>
    private async Task<object?[]> BookAsync(IReadOnlyList<BookingGroupMember> members, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var outcomes = new object?[members.Count];
        var fingerprints = new byte[members.Count][];
        var locked = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (i, lockedAs) in Enumerable.Range(0, members.Count)
                     .Where(i => members[i].Command.IdempotencyKey is not null)
                     .Select(i => (i, KeyOf(members[i])))
                     .OrderBy(k => k.Item2, StringComparer.Ordinal))
        {
            var (member, command) = (members[i], members[i].Command);
            if (!locked.Add(lockedAs))
            {
                continue; // made alone after the group, it finds the first one's answer
            }

            fingerprints[i] = KeptAnswers.Fingerprint(command);
            if (await keys.LockAndFindAsync(member.KeyScope, Operation(command), command.IdempotencyKey!, now.UtcDateTime, cancellationToken)
                is { } kept)
            {
                try
                {
                    outcomes[i] = KeptAnswers.Replay<BookingConfirmation>(kept, fingerprints[i]);
                }
                catch (IdempotencyKeyReusedException reused)
                {
                    outcomes[i] = reused;
                }
            }
        }

        var booking = Enumerable.Range(0, members.Count)
            .Where(i => outcomes[i] is null && (members[i].Command.IdempotencyKey is null || fingerprints[i] is not null))
            .ToList();
        if (booking.Count == 0)
        {
            return outcomes;
        }

        var slotId = members[0].Command.SlotId;
        var customers = booking.Select(i => members[i].Customer.Id).Distinct().Order(StringComparer.Ordinal).ToList();
        var (slot, held, policy) = await slots.GetForGroupBookingAsync(slotId, customers, now.UtcDateTime, cancellationToken);
        if (slot is null)
        {
            booking.ForEach(i => outcomes[i] = SlotErrors.NotFound(slotId));
            return outcomes;
        }

        await waitlist.FillAsync(slot, now, cancellationToken);
        foreach (var i in booking)
        {
            var (member, command) = (members[i], members[i].Command);
            try
            {
                var confirmation = _writer.Book(slot, member.Customer, held[member.Customer.Id], policy, now);
                if (command.IdempotencyKey is { } key)
                {
                    keys.Save(member.KeyScope, Operation(command), key, KeptAnswers.Keep(fingerprints[i], confirmation), now.UtcDateTime);
                }

                outcomes[i] = confirmation;
            }
            catch (DomainException refused)
            {
                outcomes[i] = refused;
            }
        }

        return outcomes;
    }

    private static string Operation(BookSlotCommand command) => ((IIdempotentCommand)command).IdempotencyOperation();

    /// <summary>A key as it is locked: the caller's scope, the operation, the key.</summary>
    private static string KeyOf(BookingGroupMember member) =>
        $"{member.KeyScope}|{Operation(member.Command)}|{member.Command.IdempotencyKey}";
}
