using System.Linq.Expressions;

namespace Slots.Application.Common;

/// <summary>
/// The criteria and ordering of an <see cref="ICompiledSpecification{TSelf, T}"/>: each criterion reads the
/// row and the specification whose values it compares against. Immutable; each step returns a new query.
/// </summary>
public sealed class SpecificationQuery<TSpecification, T>
{
    public SpecificationQuery()
        : this([], [])
    {
    }

    private SpecificationQuery(
        IReadOnlyList<Expression<Func<TSpecification, T, bool>>> criteria, IReadOnlyList<LambdaExpression> ordering)
    {
        Criteria = criteria;
        Ordering = ordering;
    }

    /// <summary>Every criterion; a row must satisfy all of them.</summary>
    public IReadOnlyList<Expression<Func<TSpecification, T, bool>>> Criteria { get; }

    /// <summary>Sort keys in order of precedence, each ascending (nothing here sorts the other way).</summary>
    public IReadOnlyList<LambdaExpression> Ordering { get; }

    public SpecificationQuery<TSpecification, T> Where(Expression<Func<TSpecification, T, bool>> criterion) =>
        new([.. Criteria, criterion], Ordering);

    public SpecificationQuery<TSpecification, T> OrderBy<TKey>(Expression<Func<T, TKey>> key) =>
        new(Criteria, [.. Ordering, key]);
}
