using System.Collections.Concurrent;
using System.Linq.Expressions;
using System.Reflection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Slots.Application.Common;
using Slots.Domain.Slots;

namespace Slots.Infrastructure.Persistence;

/// <summary>
/// Builds the query of a <see cref="CompiledSpecification{T}"/> once per specification type and projection,
/// and compiles it with <c>EF.CompileAsyncQuery</c>: each property of the specification that its expressions
/// read becomes a parameter of the compiled query, and each call passes the instance's values.
/// </summary>
internal static class SpecificationCompiler
{
    // A compiled query belongs to the model it was compiled against (tests build contexts with other options).
    private static readonly ConcurrentDictionary<(IModel Model, Type Specification, MethodInfo Projection), Delegate> Cache = new();

    // The criteria, ordering and limit each specification type was first seen with: compiled once, they must not vary.
    private static readonly ConcurrentDictionary<Type, Shape> Shapes = new();

    public static IAsyncEnumerable<TResult> Run<TResult>(
        SlotsDbContext db, CompiledSpecification<Slot> specification, Func<IQueryable<Slot>, IQueryable<TResult>> projection)
    {
        if (Shapes.GetOrAdd(specification.GetType(), Shape.Of(specification)) != Shape.Of(specification))
        {
            throw new InvalidOperationException(
                $"{specification.GetType().Name} changed its criteria, ordering or limit with its values; a compiled specification may not.");
        }

        var query = Cache.GetOrAdd(
            (db.Model, specification.GetType(), projection.Method),
            static (_, args) => Compile(args.specification, args.projection),
            (specification, projection));
        return ((Func<SlotsDbContext, Specification<Slot>, IAsyncEnumerable<TResult>>)query)(db, specification);
    }

    private static Delegate Compile<TResult>(CompiledSpecification<Slot> specification, Func<IQueryable<Slot>, IQueryable<TResult>> projection)
    {
        var db = Expression.Parameter(typeof(SlotsDbContext), "db");
        var values = new PropertiesAsParameters(specification);

        Expression source = Expression.Call(
            typeof(EntityFrameworkQueryableExtensions), nameof(EntityFrameworkQueryableExtensions.AsNoTracking), [typeof(Slot)],
            Expression.Property(db, nameof(SlotsDbContext.Slots)));
        foreach (var criterion in specification.Criteria)
        {
            source = Expression.Call(typeof(Queryable), nameof(Queryable.Where), [typeof(Slot)], source, Expression.Quote(values.Visit(criterion)));
        }

        for (var i = 0; i < specification.Ordering.Count; i++)
        {
            var (key, descending) = specification.Ordering[i];
            source = Expression.Call(
                typeof(Queryable), SpecificationEvaluator.OrderingMethod(i, descending), [typeof(Slot), key.ReturnType],
                source, Expression.Quote(values.Visit(key)));
        }

        var take = Expression.Parameter(typeof(int), "take");
        if (specification.Take is not null)
        {
            source = Expression.Call(typeof(Queryable), nameof(Queryable.Take), [typeof(Slot)], source, take);
        }

        // The projection (Mapperly's) is applied to a stand-in source once; its expression is then moved onto the query.
        var standIn = Enumerable.Empty<Slot>().AsQueryable();
        var projected = new Replace(standIn.Expression, source).In(projection(standIn).Expression);

        ParameterExpression[] parameters = [db, .. values.Parameters.Values, take];
        var query = CompileAsyncQuery(parameters.Length - 1)
            .MakeGenericMethod([.. parameters.Select(p => p.Type), typeof(TResult)])
            .Invoke(null, [Expression.Lambda(projected, parameters)])!;

        // (db, specification) => query(db, specification.P1, ..., specification.Take ?? 0)
        var context = Expression.Parameter(typeof(SlotsDbContext), "context");
        var instance = Expression.Parameter(typeof(Specification<Slot>), "specification");
        var typed = Expression.Convert(instance, specification.GetType());
        Expression[] arguments =
        [
            context,
            .. values.Parameters.Keys.Select(member => Expression.MakeMemberAccess(typed, member)),
            Expression.Coalesce(Expression.Property(instance, nameof(Specification<Slot>.Take)), Expression.Constant(0)),
        ];
        var call = Expression.Lambda<Func<SlotsDbContext, Specification<Slot>, IAsyncEnumerable<TResult>>>(
            Expression.Invoke(Expression.Constant(query), arguments), context, instance);
        return call.Compile();
    }

    /// <summary>The <c>EF.CompileAsyncQuery</c> overload for a query (not a single result) with this many parameters.</summary>
    private static MethodInfo CompileAsyncQuery(int parameters) =>
        typeof(EF).GetMethods().Single(m =>
            m.Name == nameof(EF.CompileAsyncQuery)
            && m.GetGenericArguments().Length == parameters + 2
            && m.GetParameters()[0].ParameterType.GetGenericArguments()[0].GetGenericArguments()[^1] is { IsGenericType: true } result
            && result.GetGenericTypeDefinition() == typeof(IQueryable<>));

    private readonly record struct Shape(int Criteria, int Ordering, bool Limited)
    {
        public static Shape Of(Specification<Slot> s) => new(s.Criteria.Count, s.Ordering.Count, s.Take is not null);
    }

    /// <summary>
    /// Each property of the specification read in its expressions becomes a parameter; anything else taken from
    /// the instance, or any other captured object, is refused.
    /// </summary>
    private sealed class PropertiesAsParameters(object specification) : ExpressionVisitor
    {
        public Dictionary<MemberInfo, ParameterExpression> Parameters { get; } = [];

        protected override Expression VisitMember(MemberExpression node)
        {
            if (node.Expression is ConstantExpression { Value: var owner } && ReferenceEquals(owner, specification))
            {
                if (!Parameters.TryGetValue(node.Member, out var parameter))
                {
                    parameter = Expression.Parameter(node.Type, node.Member.Name);
                    Parameters.Add(node.Member, parameter);
                }

                return parameter;
            }

            return base.VisitMember(node);
        }

        protected override Expression VisitConstant(ConstantExpression node) =>
            node.Value is null or string || node.Type.IsValueType
                ? node
                : throw new InvalidOperationException(
                    $"{specification.GetType().Name} captures a {node.Type.Name}; a compiled specification may read only its own properties.");
    }

    private sealed class Replace(Expression from, Expression to) : ExpressionVisitor
    {
        public Expression In(Expression node) => Visit(node) ?? node;

        public override Expression? Visit(Expression? node) => node == from ? to : base.Visit(node);
    }
}
