using System.Collections.Concurrent;
using System.Linq.Expressions;
using System.Reflection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Slots.Application.Common;
using Slots.Domain.Slots;

namespace Slots.Infrastructure.Persistence;

/// <summary>
/// Builds the query of an <see cref="ICompiledSpecification{TSelf, T}"/> once per specification type and
/// projection, and compiles it with <c>EF.CompileAsyncQuery</c>: each property of the specification that its
/// query reads becomes a parameter of the compiled query, and each call passes the instance's values.
/// </summary>
internal static class SpecificationCompiler
{
    // A compiled query belongs to the model it was compiled against (tests build contexts with other options).
    private static readonly ConcurrentDictionary<(IModel Model, Type Specification, MethodInfo Projection), Delegate> Cache = new();

    public static IAsyncEnumerable<TResult> Run<TSpecification, TResult>(
        SlotsDbContext db, TSpecification specification, Func<IQueryable<Slot>, IQueryable<TResult>> projection)
        where TSpecification : ICompiledSpecification<TSpecification, Slot>
    {
        var query = Cache.GetOrAdd(
            (db.Model, typeof(TSpecification), projection.Method),
            static (_, projection) => Compile<TSpecification, TResult>(projection),
            projection);
        return ((Func<SlotsDbContext, TSpecification, IAsyncEnumerable<TResult>>)query)(db, specification);
    }

    private static Func<SlotsDbContext, TSpecification, IAsyncEnumerable<TResult>> Compile<TSpecification, TResult>(
        Func<IQueryable<Slot>, IQueryable<TResult>> projection)
        where TSpecification : ICompiledSpecification<TSpecification, Slot>
    {
        var db = Expression.Parameter(typeof(SlotsDbContext), "db");
        var values = new PropertiesAsParameters(typeof(TSpecification));

        Expression source = Expression.Call(
            typeof(EntityFrameworkQueryableExtensions), nameof(EntityFrameworkQueryableExtensions.AsNoTracking), [typeof(Slot)],
            Expression.Property(db, nameof(SlotsDbContext.Slots)));
        foreach (var criterion in TSpecification.Query.Criteria)
        {
            // (specification, row) => … becomes row => … with the specification's properties as parameters.
            var row = criterion.Parameters[1];
            var body = values.Rewrite(criterion.Parameters[0], criterion.Body);
            source = Expression.Call(
                typeof(Queryable), nameof(Queryable.Where), [typeof(Slot)], source, Expression.Quote(Expression.Lambda(body, row)));
        }

        for (var i = 0; i < TSpecification.Query.Ordering.Count; i++)
        {
            var key = TSpecification.Query.Ordering[i];
            source = Expression.Call(
                typeof(Queryable), i == 0 ? nameof(Queryable.OrderBy) : nameof(Queryable.ThenBy), [typeof(Slot), key.ReturnType],
                source, Expression.Quote(values.Rewrite(null, key)));
        }

        var take = Expression.Parameter(typeof(int), "take");
        source = Expression.Call(typeof(Queryable), nameof(Queryable.Take), [typeof(Slot)], source, take);

        // The projection (Mapperly's) is applied to a stand-in source once; its expression is then moved onto the query.
        var standIn = Enumerable.Empty<Slot>().AsQueryable();
        var projected = new Replace(standIn.Expression, source).In(projection(standIn).Expression);

        ParameterExpression[] parameters = [db, .. values.Parameters.Values, take];
        var query = CompileAsyncQuery(parameters.Length - 1)
            .MakeGenericMethod([.. parameters.Select(p => p.Type), typeof(TResult)])
            .Invoke(null, [Expression.Lambda(projected, parameters)])!;

        // (db, specification) => query(db, specification.P1, ..., specification.Take)
        var context = Expression.Parameter(typeof(SlotsDbContext), "context");
        var instance = Expression.Parameter(typeof(TSpecification), "specification");
        var takeProperty = typeof(ICompiledSpecification<TSpecification, Slot>).GetProperty(nameof(ICompiledSpecification<TSpecification, Slot>.Take))!;
        Expression[] arguments =
        [
            context,
            .. values.Parameters.Keys.Select(member => Expression.MakeMemberAccess(instance, member)),
            Expression.Property(instance, takeProperty),
        ];
        return Expression.Lambda<Func<SlotsDbContext, TSpecification, IAsyncEnumerable<TResult>>>(
            Expression.Invoke(Expression.Constant(query), arguments), context, instance).Compile();
    }

    /// <summary>The <c>EF.CompileAsyncQuery</c> overload for a query (not a single result) with this many parameters.</summary>
    private static MethodInfo CompileAsyncQuery(int parameters) =>
        typeof(EF).GetMethods().Single(m =>
            m.Name == nameof(EF.CompileAsyncQuery)
            && m.GetGenericArguments().Length == parameters + 2
            && m.GetParameters()[0].ParameterType.GetGenericArguments()[0].GetGenericArguments()[^1] is { IsGenericType: true } result
            && result.GetGenericTypeDefinition() == typeof(IQueryable<>));

    /// <summary>
    /// Each property of the specification that the query reads becomes a parameter; the specification used any
    /// other way, or any other captured object, is refused.
    /// </summary>
    private sealed class PropertiesAsParameters(Type specification) : ExpressionVisitor
    {
        private ParameterExpression? _instance;

        public Dictionary<MemberInfo, ParameterExpression> Parameters { get; } = [];

        /// <param name="instance">The parameter that stands for the specification; null for a sort key, which reads only the row.</param>
        /// <param name="body">The criterion's body, or the whole sort key.</param>
        public Expression Rewrite(ParameterExpression? instance, Expression body)
        {
            _instance = instance;
            return Visit(body);
        }

        protected override Expression VisitMember(MemberExpression node)
        {
            if (_instance is not null && node.Expression == _instance && node.Member is PropertyInfo)
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

        protected override Expression VisitParameter(ParameterExpression node) =>
            node == _instance
                ? throw new InvalidOperationException($"{specification.Name}'s query uses the specification other than by reading its properties.")
                : node;

        protected override Expression VisitConstant(ConstantExpression node) =>
            node.Value is null or string || node.Type.IsValueType
                ? node
                : throw new InvalidOperationException(
                    $"{specification.Name}'s query captures a {node.Type.Name}; a compiled specification may read only its own properties.");
    }

    private sealed class Replace(Expression from, Expression to) : ExpressionVisitor
    {
        public Expression In(Expression node) => Visit(node) ?? node;

        public override Expression? Visit(Expression? node) => node == from ? to : base.Visit(node);
    }
}
