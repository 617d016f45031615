namespace Slots.Application.Slots;

/// <summary>
/// What a command loads with the slot it locks, said at the call: the slot alone, one customer's live booking,
/// or every live booking. A response that lists bookings is built only from <see cref="AllLiveBookings"/>, so it
/// never shows a partial load as if it were the whole.
/// </summary>
public sealed record SlotLoad
{
    private SlotLoad(string? customerId, bool allLive) => (CustomerId, AllLive) = (customerId, allLive);

    /// <summary>The slot's row only: its booked count decides capacity, no booking is needed (delete).</summary>
    public static SlotLoad SlotOnly { get; } = new(null, false);

    /// <summary>Every live booking: for a command whose response shows them (a change of times or status).</summary>
    public static SlotLoad AllLiveBookings { get; } = new(null, true);

    /// <summary>
    /// The slot and this customer's live booking, if any (book, cancel): the one-live-booking rule concerns only
    /// them, and loading every booking would make each booking of a busy group session slower than the last.
    /// </summary>
    public static SlotLoad LiveBookingOf(string customerId) => new(customerId, false);

    /// <summary>The customer whose live booking is loaded, for <see cref="LiveBookingOf"/>.</summary>
    public string? CustomerId { get; }

    /// <summary>Whether every live booking is loaded.</summary>
    public bool AllLive { get; }
}
