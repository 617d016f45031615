using NSubstitute;
using Slots.Application.Events;
using Slots.Application.Notifications;
using Slots.Application.Slots;
using Slots.Application.Slots.BookSlot;
using Slots.Domain.Slots;

namespace Slots.Application.UnitTests.Handlers;

/// <summary>
/// What the handlers that change a slot are given in these tests: a repository that loads what each test says (and owns
/// every handle), the outboxes they write to, and the promotion that gives freed seats to a slot's line.
/// </summary>
public abstract class HandlerTestBase
{
    /// <summary>A specialist's policy that takes a waitlist.</summary>
    protected static readonly BookingPolicy Lines = BookingPolicy.Default with { Waitlist = true };

    protected HandlerTestBase() => Repository.HoldsHandleAsync(default!, default, default).ReturnsForAnyArgs(true);

    protected ISlotRepository Repository { get; } = Substitute.For<ISlotRepository>();

    protected IEventOutbox Events { get; } = Substitute.For<IEventOutbox>();

    protected INotificationOutbox Notifications { get; } = Substitute.For<INotificationOutbox>();

    protected WaitlistPromotion Promotion(BookingLimits? limits = null) => new(Repository, limits ?? BookingLimits.Default, Events, Notifications);

    /// <summary>The types of the events written, in order.</summary>
    protected string[] EventTypesWritten() => [.. Events.ReceivedCalls().Select(c => (string)c.GetArguments()[0]!)];

    /// <summary>
    /// The repository loads <paramref name="slot"/> for a change and for a booking (the customer holding nothing, under
    /// <see cref="Lines"/>), and its line in order, as the promotion asks.
    /// </summary>
    protected Slot Loaded(Slot slot)
    {
        Repository.GetForUpdateAsync(slot.Id, Arg.Any<SlotLoad>(), Arg.Any<CancellationToken>()).Returns(slot);
        Repository.GetForBookingAsync(slot.Id, Arg.Any<string>(), Arg.Any<DateTime>(), Arg.Any<CancellationToken>())
            .Returns((slot, new LiveBookingCounts(0, 0), Lines));
        Repository.LoadWaitlistAsync(slot, Arg.Any<CancellationToken>())
            .Returns(_ => slot.Waitlist.Where(e => e.IsWaiting).OrderBy(e => e.Position).ToList());
        return slot;
    }
}
