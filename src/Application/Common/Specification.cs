using System.Linq.Expressions;

namespace Slots.Application.Common;

/// <summary>
/// A named query intention (criteria, ordering, a row limit) over <typeparamref name="T"/>.
/// Infrastructure evaluates it against the database; handlers only name it.
/// </summary>
public abstract class Specification<T>
{
    private readonly List<Expression<Func<T, bool>>> _criteria = [];
    private readonly List<(LambdaExpression Key, bool Descending)> _ordering = [];

    /// <summary>Every criterion; a row must satisfy all of them.</summary>
    public IReadOnlyList<Expression<Func<T, bool>>> Criteria => _criteria;

    /// <summary>Sort keys in order of precedence.</summary>
    public IReadOnlyList<(LambdaExpression Key, bool Descending)> Ordering => _ordering;

    /// <summary>Most rows to return, or null for all.</summary>
    public int? Take { get; private set; }

    protected void Where(Expression<Func<T, bool>> criterion) => _criteria.Add(criterion);

    protected void OrderBy<TKey>(Expression<Func<T, TKey>> key) => _ordering.Add((key, false));

    protected void Limit(int take) => Take = take;
}
