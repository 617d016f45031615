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

        var actor = user.Require();
        var scope = $"{actor.Issuer}|{actor.Subject}";
        var operation = message.IdempotencyOperation();
        var now = clock.GetUtcNow().UtcDateTime;
        var fingerprint = SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(message, WireJson.Options));
        if (await store.LockAndFindAsync(scope, operation, key, now, cancellationToken) is { } kept)
        {
            if (!kept.Fingerprint.AsSpan().SequenceEqual(fingerprint))
            {
                throw new IdempotencyKeyReusedException();
            }

            var answer = JsonSerializer.Deserialize<TResponse>(kept.Body, WireJson.Options)!;
            return answer is IReplayableResponse replayable ? (TResponse)replayable.AsReplayed() : answer;
        }

        var response = await next(message, cancellationToken);
        store.Save(scope, operation, key, new StoredAnswer(fingerprint, JsonSerializer.Serialize(response, WireJson.Options)), now);
        return response;
    }
}
