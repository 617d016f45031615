using Ardalis.Specification;

namespace Slots.Infrastructure.Persistence;

/// <summary>
/// Turns an Ardalis <see cref="ISpecification{T}"/> into LINQ the database provider translates: its criteria, its
/// ordering (<c>OrderBy</c>, <c>ThenBy</c> and their descending forms: what the lists use) and its row limit, nothing
/// else. Any other builder feature (includes, skip, search, tracking and query-filter switches, tags, caching,
/// post-processing) is refused rather than silently dropped: the package that would evaluate them,
/// Ardalis.Specification.EntityFrameworkCore, is not served here.
/// </summary>
internal static class SpecificationEvaluator
{
    public static IQueryable<T> Apply<T>(IQueryable<T> query, ISpecification<T> specification)
        where T : class
    {
        RefuseWhatIsNotEvaluated(specification);
        foreach (var criterion in specification.WhereExpressions)
        {
            query = query.Where(criterion.Filter);
        }

        IOrderedQueryable<T>? ordered = null;
        foreach (var order in specification.OrderExpressions)
        {
            ordered = order.OrderType switch
            {
                OrderTypeEnum.OrderBy => query.OrderBy(order.KeySelector),
                OrderTypeEnum.ThenBy => Ordered(ordered).ThenBy(order.KeySelector),
                OrderTypeEnum.OrderByDescending => query.OrderByDescending(order.KeySelector),
                OrderTypeEnum.ThenByDescending => Ordered(ordered).ThenByDescending(order.KeySelector),
                _ => throw new NotSupportedException($"{specification.GetType().Name} uses {order.OrderType}, which {nameof(SpecificationEvaluator)} does not evaluate."),
            };
            query = ordered;
        }

        return specification.Take > 0 ? query.Take(specification.Take) : query;
    }

    private static IOrderedQueryable<T> Ordered<T>(IOrderedQueryable<T>? ordered) =>
        ordered ?? throw new NotSupportedException("ThenBy needs an OrderBy before it.");

    private static void RefuseWhatIsNotEvaluated<T>(ISpecification<T> specification)
    {
        var unsupported = new (bool Used, string Feature)[]
        {
            (specification.IncludeExpressions.Any() || specification.IncludeStrings.Any(), "Include"),
            (specification.SearchCriterias.Any(), "Search"),
            (specification.Skip > 0, "Skip"),
            (specification.PostProcessingAction is not null, "PostProcessingAction"),
            (specification.AsSplitQuery, "AsSplitQuery"),
            (specification.AsTracking || specification.AsNoTrackingWithIdentityResolution, "tracking switches (reads are untracked)"),
            (specification.IgnoreQueryFilters || specification.IgnoreAutoIncludes, "IgnoreQueryFilters/IgnoreAutoIncludes"),
            (specification.QueryTags.Any(), "TagWith"),
            (specification.CacheEnabled, "caching"),
        }.Where(f => f.Used).Select(f => f.Feature).ToList();
        if (unsupported.Count > 0)
        {
            throw new NotSupportedException(
                $"{specification.GetType().Name} uses {string.Join(", ", unsupported)}, which {nameof(SpecificationEvaluator)} does not evaluate.");
        }
    }
}
