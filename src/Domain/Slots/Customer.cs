namespace Slots.Domain.Slots;

/// <summary>The person who books a slot.</summary>
/// <param name="Id">The customer's id in the calling system.</param>
/// <param name="Email">The customer's email address.</param>
/// <param name="Name">The customer's display name.</param>
/// <param name="Timezone">The IANA zone the customer lives in, when they said: their mail tells times in it too.</param>
public sealed record Customer(string Id, string Email, string Name, string? Timezone = null);
