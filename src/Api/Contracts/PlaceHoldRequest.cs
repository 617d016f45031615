namespace Slots.Api.Contracts;

/// <summary>
/// Body of <c>POST /{slotId}/holds</c>, as of a booking: a customer may leave it empty (<c>{}</c>); an admin names the
/// customer. <see cref="Minutes"/>: how long the seat is kept (the host's default, 5 unless configured, when absent).
/// </summary>
public sealed record PlaceHoldRequest(
    string? CustomerId = null, string? CustomerEmail = null, string? CustomerName = null, string? Timezone = null, int? Minutes = null);
