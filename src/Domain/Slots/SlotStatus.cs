namespace Slots.Domain.Slots;

/// <summary>Whether customers may book a slot.</summary>
public enum SlotStatus
{
    /// <summary>Bookable (while in the future and not full).</summary>
    Active,

    /// <summary>Hidden from customers; existing bookings stay.</summary>
    Inactive,
}
