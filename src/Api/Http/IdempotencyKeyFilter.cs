using FluentValidation;
using FluentValidation.Results;
using Slots.Application.Common.Idempotency;

namespace Slots.Api.Http;

/// <summary>
/// An endpoint that takes an <c>Idempotency-Key</c> (IETF httpapi idempotency draft): a key of 1 to
/// <see cref="IdempotencyKeys.MaxLength"/> printable ASCII characters, 400 otherwise; and an answer that is the one kept
/// for the key says so, <c>Idempotent-Replayed: true</c>. The key itself reaches the command as an endpoint parameter.
/// </summary>
public sealed class IdempotencyKeyFilter : IEndpointFilter
{
    public const string Header = "Idempotency-Key";
    public const string ReplayedHeader = "Idempotent-Replayed";

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var http = context.HttpContext;
        // Read as the endpoint binds it: several headers are one key, joined with commas.
        if (http.Request.Headers[Header] is { Count: > 0 } keys && !IdempotencyKeys.IsValid(keys.ToString()))
        {
            throw new ValidationException(
                [new ValidationFailure(Header, $"'{Header}' must be 1 to {IdempotencyKeys.MaxLength} printable ASCII characters.")]);
        }

        var result = await next(context);
        if ((result is INestedHttpResult nested ? nested.Result : result) is IValueHttpResult { Value: IReplayableResponse answer })
        {
            MarkReplayed(http, answer);
        }

        return result;
    }

    /// <summary>Says so on the response when <paramref name="answer"/> is the kept one; for an endpoint whose result carries no value (204).</summary>
    public static void MarkReplayed(HttpContext http, IReplayableResponse answer)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(answer);
        if (answer.Replayed)
        {
            http.Response.Headers[ReplayedHeader] = "true";
        }
    }
}
