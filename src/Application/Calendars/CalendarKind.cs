namespace Slots.Application.Calendars;

/// <summary>Whose calendar a feed shows.</summary>
public enum CalendarKind
{
    /// <summary>A specialist's slots, with who booked each.</summary>
    Specialist,

    /// <summary>A customer's bookings.</summary>
    Customer,
}
