namespace Slots.Api.Contracts;

/// <summary>Body of <c>POST /{slotId}/book/{customerId}/cancellation</c>: why, which the booking's policy may require.</summary>
public sealed record CancelBookingRequest(string? Reason = null);
