namespace Slots.Api.Http;

/// <summary>What kinds of endpoint answer besides their success, and the filters and limits that go with them.</summary>
public static class EndpointConventions
{
    /// <summary>A command on an existing slot: 404 when there is none, 409 when its state forbids the change.</summary>
    public static RouteHandlerBuilder ChangesASlot(this RouteHandlerBuilder endpoint) =>
        endpoint.ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);

    /// <summary>A POST (or a cancellation's DELETE) that takes an <c>Idempotency-Key</c> (<see cref="IdempotencyKeyFilter"/>): 422 when the key was used for another request.</summary>
    public static RouteHandlerBuilder Idempotent(this RouteHandlerBuilder endpoint) =>
        endpoint.AddEndpointFilter<IdempotencyKeyFilter>().ProducesProblem(StatusCodes.Status422UnprocessableEntity);

    /// <summary>A change that honours <c>If-Match</c>: 412 when the slot is no longer at a version it names.</summary>
    public static RouteHandlerBuilder Conditional(this RouteHandlerBuilder endpoint) =>
        endpoint.ProducesProblem(StatusCodes.Status412PreconditionFailed);

    /// <summary>A rate limit (per user, or per client address): 429 with <c>Retry-After</c> once the bucket is empty.</summary>
    public static RouteHandlerBuilder Limited(this RouteHandlerBuilder endpoint, string policy) =>
        endpoint.RequireRateLimiting(policy).ProducesProblem(StatusCodes.Status429TooManyRequests);
}
