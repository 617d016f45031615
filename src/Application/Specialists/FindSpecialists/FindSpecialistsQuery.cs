using Mediator;
using Slots.Application.Common;

namespace Slots.Application.Specialists.FindSpecialists;

/// <summary>
/// The directory: specialists who have saved a profile, those with a bookable slot now first, then by name; with
/// <see cref="ServiceId"/>, those offering that service; with <see cref="Q"/>, those whose name, introduction, address or a
/// service's title contains it (any case).
/// </summary>
public sealed record FindSpecialistsQuery(string? ServiceId, string? Q, int? Limit, string? Cursor) : IQuery<Page<SpecialistListing>>
{
    public const int DefaultLimit = 20;

    public const int MaxLimit = 100;
}
