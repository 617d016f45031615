namespace Slots.Api.Contracts;

/// <summary>
/// Body of <c>POST /{slotId}/waitlist</c>, as of a booking: a customer may leave it empty (<c>{}</c>); an admin names the
/// customer. <see cref="Timezone"/>: the customer's IANA zone, which the booking made from the line keeps for their mail.
/// </summary>
public sealed record JoinWaitlistRequest(
    string? CustomerId = null, string? CustomerEmail = null, string? CustomerName = null, string? Timezone = null);
