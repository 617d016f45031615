namespace Slots.Api.Contracts;

/// <summary>Body of <c>POST /{slotId}/book</c>.</summary>
public sealed record BookSlotRequest(string CustomerId, string CustomerEmail, string CustomerName);
