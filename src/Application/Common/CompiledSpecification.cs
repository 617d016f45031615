namespace Slots.Application.Common;

/// <summary>
/// A specification that the read side compiles once per type, for queries that run on every request.
/// </summary>
/// <remarks>
/// Its criteria, ordering and limit may read only its own properties (never locals captured in the
/// constructor), and which criteria it has must not depend on its values. Infrastructure then builds and
/// translates the query once and passes each instance in as the query's parameter; an ordinary
/// specification has its LINQ parsed, parameterized and looked up in EF's query cache on every call.
/// A specification that breaks the rules is refused the first time it runs.
/// </remarks>
public abstract class CompiledSpecification<T> : Specification<T>;
