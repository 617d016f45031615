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
            var method = (i == 0, descending) switch
            {
                (true, false) => nameof(Queryable.OrderBy),
                (true, true) => nameof(Queryable.OrderByDescending),
                (false, false) => nameof(Queryable.ThenBy),
                (false, true) => nameof(Queryable.ThenByDescending),
            };
            query = query.Provider.CreateQuery<T>(Expression.Call(
                typeof(Queryable), method, [typeof(T), key.ReturnType], query.Expression, Expression.Quote(key)));
        }

        return specification.Take is { } take ? query.Take(take) : query;
    }
}
