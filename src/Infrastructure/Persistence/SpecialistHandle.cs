using Slots.Domain.Slots;

namespace Slots.Infrastructure.Persistence;

/// <summary>
/// A row of <c>specialists</c>: the public handle (the email in <c>/api/specialists/{email}</c>) and the one owner, an
/// (issuer, subject), whose slots it shows. Claimed by the owner's first published slot, under the schedule lock; never
/// handed to another owner. The customers' view shows only the owner's slots under the handle, and the overlap
/// constraint and the schedule lock follow the owner. The owner's <see cref="BookingPolicy"/> lives here too
/// (<see cref="SpecialistPolicies"/>; a booking reads it in its round trip, <see cref="SlotRepository"/>), and so does
/// their public profile (<see cref="SpecialistProfiles"/>: none until <see cref="DisplayName"/> is set).
/// </summary>
internal sealed class SpecialistHandle(string email, string issuer, string subject, DateTime createdAt)
{
    public string Email { get; private set; } = email;

    public string Issuer { get; private set; } = issuer;

    public string Subject { get; private set; } = subject;

    public DateTime CreatedAt { get; private set; } = createdAt;

    public BookingPolicy Policy { get; private set; } = BookingPolicy.Default;

    public string? DisplayName { get; private set; }

    public string? Introduction { get; private set; }

    public string? Timezone { get; private set; }

    /// <summary>The services offered, a JSON array of <c>ServiceOffer</c>s.</summary>
    public string Services { get; private set; } = "[]";
}
