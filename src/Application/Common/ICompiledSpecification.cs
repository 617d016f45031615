namespace Slots.Application.Common;

/// <summary>
/// A specification for a query that runs on every request, compiled once per type. Its criteria and ordering
/// are declared once, in the static <see cref="Query"/>, over a parameter that stands for the instance, so they
/// cannot vary from one instance to the next; an instance carries only the values and its row limit.
/// </summary>
/// <remarks>
/// Infrastructure translates <see cref="Query"/> once per type and projection, and passes each instance's
/// properties in as the compiled query's parameters. An ordinary Ardalis <c>Specification&lt;T&gt;</c> has its
/// expression trees built in its constructor, then walked for parameters and looked up in EF's query cache,
/// on every call. The query may read only the instance's properties; a query that captures anything else
/// is refused the first time it runs. This is the one documented exception to the ordinary specifications
/// (Ardalis.Specification): the customers' available view, the hottest read, measured faster this way (see
/// docs/performance.md).
/// </remarks>
public interface ICompiledSpecification<TSelf, T>
    where TSelf : ICompiledSpecification<TSelf, T>
{
    /// <summary>The criteria and ordering, the same for every instance.</summary>
    static abstract SpecificationQuery<TSelf, T> Query { get; }

    /// <summary>Most rows to return.</summary>
    int Take { get; }
}
