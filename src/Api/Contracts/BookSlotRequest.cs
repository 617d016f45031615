namespace Slots.Api.Contracts;

/// <summary>
/// Body of <c>POST /{slotId}/book</c>. A customer may leave it empty (<c>{}</c>): who books comes from the
/// token. An admin names the customer. <see cref="Timezone"/>: the customer's IANA zone, for their mail. <see cref="HoldId"/>:
/// the customer's seat hold (<c>POST .../holds</c>) to book with.
/// </summary>
public sealed record BookSlotRequest(
    string? CustomerId = null, string? CustomerEmail = null, string? CustomerName = null, string? Timezone = null, Guid? HoldId = null);
