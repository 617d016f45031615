namespace Slots.Api.Contracts;

/// <summary>Body of <c>POST /{slotId}/book/{customerId}/move</c>: the slot to move the booking to, and why.</summary>
public sealed record MoveBookingRequest(Guid ToSlotId, string? Reason = null);
