using System.Linq.Expressions;
using Slots.Application.Common;

namespace Slots.Infrastructure.Persistence;

/// <summary>Turns a <see cref="Specification{T}"/> into LINQ the database provider translates.</summary>
internal static class SpecificationEvaluator
{
    public static IQueryable<T> Apply<T>(IQueryable<T> query, Specification<T> specification)
    {
        foreach (var criterion in specification.Criteria)
        {
            query = query.Where(criterion);
        }

        for (var i = 0; i < specification.Ordering.Count; i++)
        {
            var (key, descending) = specification.Ordering[i];
            query = query.Provider.CreateQuery<T>(Expression.Call(
                typeof(Queryable), OrderingMethod(i, descending), [typeof(T), key.ReturnType], query.Expression, Expression.Quote(key)));
        }

        return specification.Take is { } take ? query.Take(take) : query;
    }

    /// <summary>The <see cref="Queryable"/> method for the <paramref name="index"/>th sort key.</summary>
    public static string OrderingMethod(int index, bool descending) => (index == 0, descending) switch
    {
        (true, false) => nameof(Queryable.OrderBy),
        (true, true) => nameof(Queryable.OrderByDescending),
        (false, false) => nameof(Queryable.ThenBy),
        (false, true) => nameof(Queryable.ThenByDescending),
    };
}
