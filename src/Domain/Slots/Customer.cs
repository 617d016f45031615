namespace Slots.Domain.Slots;

/// <summary>The person who books a slot.</summary>
/// <param name="Id">The customer's id in the calling system.</param>
/// <param name="Email">The customer's email address.</param>
/// <param name="Name">The customer's display name.</param>
public sealed record Customer(string Id, string Email, string Name);
