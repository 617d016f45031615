using Mediator;
using Slots.Application.Common;

namespace Slots.Application.Specialists.FindSpecialists;

public sealed class FindSpecialistsHandler(ISpecialistProfiles profiles, TimeProvider clock)
    : IQueryHandler<FindSpecialistsQuery, Page<SpecialistListing>>
{
    public async ValueTask<Page<SpecialistListing>> Handle(FindSpecialistsQuery query, CancellationToken cancellationToken) =>
        await profiles.DirectoryAsync(
            query with { Q = string.IsNullOrWhiteSpace(query.Q) ? null : query.Q.Trim() },
            query.Limit ?? FindSpecialistsQuery.DefaultLimit, clock.GetUtcNow().UtcDateTime, cancellationToken);
}
