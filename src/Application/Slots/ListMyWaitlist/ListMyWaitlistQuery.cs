using Mediator;
using Slots.Application.Common.Security;

namespace Slots.Application.Slots.ListMyWaitlist;

/// <summary>
/// The caller's waitlist entries for slots that have not started, the soonest first: those waiting (with their place in
/// line), and those a freed seat booked or skipped, so the customer learns what became of them. Left entries are not
/// listed. At most <see cref="Domain.Slots.SlotLimits.MaxWaitingPerCustomer"/> wait at a time; the rest are capped at
/// <see cref="MaxEnded"/>.
/// </summary>
public sealed record ListMyWaitlistQuery : IQuery<IReadOnlyList<MyWaitlistEntryResponse>>, IRestrictedRequest
{
    public const int MaxEnded = 50;

    public static IReadOnlySet<Role> AllowedRoles => Allowed.Customers;
}
