using System.Security.Cryptography;
using System.Text.Json;
using Mediator;
using Slots.Application.Common.Json;
using Slots.Application.Common.Security;

namespace Slots.Application.Common.Idempotency;

/// <summary>
/// Inside the command's transaction (after the unit of work opened it): with an <c>Idempotency-Key</c>, the key is
/// locked first; a kept answer for the same request is returned again (marked <see cref="IReplayableResponse.Replayed"/>),
/// one for another request is refused; otherwise the command runs and its answer is kept in the same transaction as its
/// effect, so there is never an effect without its answer, or an answer without its effect. Only successes are kept:
/// a refused command changed nothing, and a repeat is judged afresh. A request that changes nothing (a preview) keeps
/// no answer at all.
/// </summary>
public sealed class IdempotencyBehavior<TMessage, TResponse>(
    IIdempotencyStore store, ICurrentUser user, TimeProvider clock)
    : IPipelineBehavior<TMessage, TResponse>
    where TMessage : notnull, IMessage, IIdempotentCommand
{
    public async ValueTask<TResponse> Handle(
        TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        if (message.IdempotencyKey is not { } key || message.ChangesNothing)
        {
            return await next(message, cancellationToken);
        }

        var scope = KeptAnswers.Scope(user.Require());
        var operation = message.IdempotencyOperation();
        var now = clock.GetUtcNow().UtcDateTime;
        var fingerprint = KeptAnswers.Fingerprint(message);
        if (await store.LockAndFindAsync(scope, operation, key, now, cancellationToken) is { } kept)
        {
            return KeptAnswers.Replay<TResponse>(kept, fingerprint);
        }

        var response = await next(message, cancellationToken);
        store.Save(scope, operation, key, KeptAnswers.Keep(fingerprint, response), now);
        return response;
    }
}

/// <summary>
/// What <see cref="IdempotencyBehavior{TMessage, TResponse}"/> keeps and gives back, for whoever keeps answers the same way
/// (a booking group answers each of its bookings as if it had been alone).
/// </summary>
public static class KeptAnswers
{
    /// <summary>Whose keys: the caller's, by issuer and subject.</summary>
    public static string Scope(Actor actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        return $"{actor.Issuer}|{actor.Subject}";
    }

    /// <summary>The request's fingerprint: SHA-256 of the command as JSON (the key itself is not in it).</summary>
    public static byte[] Fingerprint<TMessage>(TMessage message) =>
        SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(message, WireJson.Options));

    /// <summary>The answer to keep for <paramref name="response"/>.</summary>
    public static StoredAnswer Keep<TResponse>(byte[] fingerprint, TResponse response) =>
        new(fingerprint, JsonSerializer.Serialize(response, WireJson.Options));

    /// <summary>The kept answer given again, marked replayed; the key's reuse for another request refused.</summary>
    /// <exception cref="IdempotencyKeyReusedException">The kept answer is another request's.</exception>
    public static TResponse Replay<TResponse>(StoredAnswer kept, byte[] fingerprint)
    {
        ArgumentNullException.ThrowIfNull(kept);
        if (!kept.Fingerprint.AsSpan().SequenceEqual(fingerprint))
        {
            throw new IdempotencyKeyReusedException();
        }

        var answer = JsonSerializer.Deserialize<TResponse>(kept.Body, WireJson.Options)!;
        return answer is IReplayableResponse replayable ? (TResponse)replayable.AsReplayed() : answer;
    }
}
