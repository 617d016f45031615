using Slots.Application.Common.Security;

namespace Slots.Application.Calendars;

/// <summary>Whose feed: a specialist by issuer and subject (as slots are owned), a customer by subject (as bookings name them).</summary>
public sealed record CalendarOwner(CalendarKind Kind, string Issuer, string Subject)
{
    /// <summary>The caller's own feed: a specialist's when they are one, a customer's otherwise.</summary>
    public static CalendarOwner Of(Actor actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        return new(actor.Has(Role.Specialist) ? CalendarKind.Specialist : CalendarKind.Customer, actor.Issuer, actor.Subject);
    }
}
