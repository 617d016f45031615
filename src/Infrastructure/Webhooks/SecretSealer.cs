using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using Slots.Infrastructure.Persistence;
using static Slots.Infrastructure.Persistence.SqlParameters;

namespace Slots.Infrastructure.Webhooks;

/// <summary>
/// Seals, once after start-up, the webhook secrets stored plain before secrets were sealed (<see cref="WebhookSecrets"/>).
/// Every process runs it; a row is rewritten only while it still holds the plain value read, so two processes sealing at
/// once write it once. While the database cannot be reached it tries again, waiting 1 s doubling up to a minute; until it
/// has run, deliveries are signed with the plain secrets as before.
/// </summary>
internal sealed partial class SecretSealer(IServiceScopeFactory scopes, WebhookSecrets secrets, TimeProvider clock, ILogger<SecretSealer> logger)
    : BackgroundService
{
    private const string PlainSql = $"""
        SELECT id AS "Id", secret AS "Secret", previous_secret AS "PreviousSecret" FROM webhook_subscriptions
        WHERE starts_with(secret, '{Application.Webhooks.WebhookSecret.Prefix}') OR starts_with(previous_secret, '{Application.Webhooks.WebhookSecret.Prefix}')
        """;

    private const string SealSql = """
        UPDATE webhook_subscriptions
        SET secret = CASE WHEN secret = {1} THEN {2} ELSE secret END,
            previous_secret = CASE WHEN previous_secret = {3} THEN {4} ELSE previous_secret END
        WHERE id = {0}
        """;

    /// <summary>
    /// Makes sure the key ring has its key, then seals every plain secret there is; the number of subscriptions it sealed.
    /// The first process to start on an empty key ring makes the key while holding an advisory lock, and the others read
    /// it after: two processes each making a key of their own could not open each other's secrets until their key rings
    /// were next read (a day later).
    /// </summary>
    public async Task<int> SealAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SlotsDbContext>();
        await using (var connection = new NpgsqlConnection(db.Database.GetConnectionString()))
        {
            await connection.OpenAsync(cancellationToken);
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            await using var take = new NpgsqlCommand("SELECT " + AdvisoryLocks.KeyRing, connection, transaction);
            await take.ExecuteNonQueryAsync(cancellationToken);
            secrets.Seal("a first use of the key ring");
            await transaction.CommitAsync(cancellationToken);
        }

        var plain = await db.Database.SqlQueryRaw<PlainRow>(PlainSql).ToListAsync(cancellationToken);
        foreach (var row in plain)
        {
            await db.Database.ExecuteSqlRawAsync(
                SealSql, [row.Id, row.Secret, Sealed(row.Secret)!, NullableText("plain_previous", row.PreviousSecret), NullableText("sealed_previous", Sealed(row.PreviousSecret))], cancellationToken);
        }

        return plain.Count;
    }

    private string? Sealed(string? stored) => stored is not null && WebhookSecrets.IsPlain(stored) ? secrets.Seal(stored) : stored;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                if (await SealAsync(stoppingToken) is > 0 and var count)
                {
                    LogSealed(count);
                }

                return;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                var wait = WebhookOptions.Doubling(TimeSpan.FromSeconds(1), attempt, TimeSpan.FromMinutes(1));
                LogFailed(e, wait.TotalSeconds);
                await Task.Delay(wait, clock, stoppingToken);
            }
        }
    }

    private sealed record PlainRow(Guid Id, string Secret, string? PreviousSecret);

    [LoggerMessage(LogLevel.Information, "Sealed the plain webhook secrets of {Count} subscriptions.")]
    private partial void LogSealed(int count);

    [LoggerMessage(LogLevel.Warning, "Sealing the plain webhook secrets failed; trying again in {Seconds} s.")]
    private partial void LogFailed(Exception exception, double seconds);
}
