using Mediator;
using Slots.Application.Common;
using Slots.Application.Common.Idempotency;
using Slots.Application.Common.Security;
using Slots.Application.Common.Waits;

namespace Slots.Application.Slots.BookSlot;

/// <summary>
/// Before the slot's queue: a booking (without a named hold) joins its slot's forming group (<see cref="BookingGroups"/>).
/// The one that opened the group goes on through the queue and leads it (<see cref="BookingGroupRunBehavior{TMessage, TResponse}"/>);
/// every other member waits for the answer the group gives it, or, when the group could not answer for it, is made alone
/// through the queue like any command. A member whose budget runs out before its group closes leaves it.
/// </summary>
public sealed class BookingGroupBehavior<TMessage, TResponse>(
    BookingGroups groups, BookingGroupLead lead, ICurrentUser user, CommitPosition position)
    : IPipelineBehavior<TMessage, TResponse>
    where TMessage : notnull, IMessage, ISlotCommand
{
    public async ValueTask<TResponse> Handle(
        TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        if (message is not BookSlotCommand { HoldId: null } booking || !groups.Enabled)
        {
            return await next(message, cancellationToken);
        }

        var actor = user.Require();
        var member = new BookingGroupMember(booking, actor.CustomerFor(booking), KeptAnswers.Scope(actor));
        var (group, leads) = groups.Join(member);
        if (leads)
        {
            lead.Group = group;
            try
            {
                return await next(message, cancellationToken);
            }
            finally
            {
                // A leader that never reached its turn (turned away by a full queue, out of budget) leaves its followers to
                // be made alone; after a run every member has its answer already.
                foreach (var follower in groups.Close(group).Skip(1))
                {
                    follower.Alone();
                }
            }
        }

        GroupAnswer answer;
        try
        {
            answer = await member.Answer.WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            groups.Withdraw(group, member);
            throw;
        }

        if (answer.Confirmation is not { } confirmation)
        {
            return await next(message, cancellationToken);
        }

        position.Token = answer.CommitToken;
        return (TResponse)(object)confirmation;
    }
}

/// <summary>
/// After the slot's queue, inside the leader's turn: the leader closes its group and runs it (<see cref="BookingGroupRun"/>);
/// a group of one, or a leader the group could not answer for, is an ordinary booking (the rest of the pipeline).
/// </summary>
public sealed class BookingGroupRunBehavior<TMessage, TResponse>(BookingGroups groups, BookingGroupLead lead, BookingGroupRun run)
    : IPipelineBehavior<TMessage, TResponse>
    where TMessage : notnull, IMessage, ISlotCommand
{
    public async ValueTask<TResponse> Handle(
        TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        if (lead.Group is not { } group)
        {
            return await next(message, cancellationToken);
        }

        lead.Group = null;
        var members = groups.Close(group);
        if (members.Count > 1)
        {
            SlotsMetrics.BookingGroupSize.Record(members.Count);
            await run.RunAsync(members, cancellationToken);
            if ((await members[0].Answer).Confirmation is { } confirmation)
            {
                return (TResponse)(object)confirmation;
            }
        }

        return await next(message, cancellationToken);
    }
}

/// <summary>The group this request leads, from the moment it opens it until its turn in the slot's queue comes.</summary>
public sealed class BookingGroupLead
{
    public BookingGroups.Group? Group { get; set; }
}
