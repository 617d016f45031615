namespace Slots.Api.Contracts;

/// <summary>
/// Body of <c>POST /{slotId}/book</c>. A customer may leave it empty (<c>{}</c>): who books comes from the
/// token. An admin names the customer. <see cref="Timezone"/>: the customer's IANA zone, for their mail.
/// </summary>
public sealed record BookSlotRequest(
    string? CustomerId = null, string? CustomerEmail = null, string? CustomerName = null, string? Timezone = null);
