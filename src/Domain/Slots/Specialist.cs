namespace Slots.Domain.Slots;

/// <summary>
/// The specialist who owns a slot. Ownership is the pair (<paramref name="Issuer"/>, <paramref name="Id"/>):
/// the identity provider and the subject it issued. The email is only the public handle customers look the
/// specialist up by; an address can change hands, a subject cannot.
/// </summary>
/// <param name="Issuer">The issuer (<c>iss</c>) of the specialist's tokens.</param>
/// <param name="Id">The specialist's subject (<c>sub</c>) at that issuer.</param>
/// <param name="Email">The specialist's email address, normalized.</param>
public sealed record Specialist(string Issuer, string Id, string Email);
