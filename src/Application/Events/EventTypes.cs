namespace Slots.Application.Events;

/// <summary>The CloudEvents <c>type</c> of every event this service writes.</summary>
public static class EventTypes
{
    public const string SlotCreated = "slots.slot.created";
    public const string SlotChanged = "slots.slot.changed";
    public const string SlotDeleted = "slots.slot.deleted";
    public const string BookingCreated = "slots.booking.created";
    public const string BookingCancelled = "slots.booking.cancelled";

    /// <summary>Every type, in the order above: what a webhook subscription may name.</summary>
    public static readonly IReadOnlyList<string> All = [SlotCreated, SlotChanged, SlotDeleted, BookingCreated, BookingCancelled];
}
