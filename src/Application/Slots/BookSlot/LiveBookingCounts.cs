namespace Slots.Application.Slots.BookSlot;

/// <summary>A customer's live bookings of slots that have not started: in all, and with the specialist of the slot at hand.</summary>
public sealed record LiveBookingCounts(int Total, int WithSpecialist);
