namespace Slots.Application.Events;

/// <summary>The CloudEvents <c>type</c> of every event this service writes.</summary>
public static class EventTypes
{
    public const string SlotCreated = "slots.slot.created";
    public const string SlotChanged = "slots.slot.changed";
    public const string SlotDeleted = "slots.slot.deleted";
    public const string BookingCreated = "slots.booking.created";
    public const string BookingCancelled = "slots.booking.cancelled";

    /// <summary>A booking moved to another slot of its specialist, in place (<see cref="BookingEventData.Move"/>).</summary>
    public const string BookingMoved = "slots.booking.moved";

    /// <summary>
    /// A seat freed while the first customer in a slot's waitlist could no longer book it: they were taken out of line
    /// (<see cref="WaitlistEventData"/>), and the seat went to the next.
    /// </summary>
    public const string WaitlistSkipped = "slots.waitlist.skipped";

    /// <summary>A seat was held for a customer while they confirm (<see cref="HoldEventData"/>).</summary>
    public const string HoldCreated = "slots.hold.created";

    /// <summary>A hold's seat was let go before its time.</summary>
    public const string HoldReleased = "slots.hold.released";

    /// <summary>A hold's time ran out: its seat was free from <c>expiresAt</c> on; the event follows within the sweep's interval.</summary>
    public const string HoldExpired = "slots.hold.expired";

    /// <summary>A series was published: one event for all its slots (<see cref="SeriesEventData"/>).</summary>
    public const string SeriesCreated = "slots.series.created";

    /// <summary>A series' upcoming slots changed status together.</summary>
    public const string SeriesChanged = "slots.series.changed";

    /// <summary>A series' upcoming slots nobody booked were deleted together.</summary>
    public const string SeriesDeleted = "slots.series.deleted";

    /// <summary>Every type, in the order above: what a webhook subscription may name.</summary>
    public static readonly IReadOnlyList<string> All =
        [SlotCreated, SlotChanged, SlotDeleted, BookingCreated, BookingCancelled, BookingMoved, WaitlistSkipped, HoldCreated, HoldReleased, HoldExpired, SeriesCreated, SeriesChanged, SeriesDeleted];
}
