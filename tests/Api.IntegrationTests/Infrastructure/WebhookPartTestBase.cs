using Npgsql;
using Slots.Infrastructure.Webhooks;

namespace Slots.Api.IntegrationTests.Infrastructure;

/// <summary>
/// The webhook dispatcher's parts, each on a database of its own test's (<see cref="PrivateDatabaseTestBase"/>).
/// Subscriptions, events and deliveries are written as rows, as the API writes them.
/// </summary>
public abstract class WebhookPartTestBase(SlotsApiFactory factory) : PrivateDatabaseTestBase(factory)
{
    private DateTimeOffset _lastEventAt;

    /// <summary>The options the parts run with: loopback receivers allowed, a short send timeout.</summary>
    internal static WebhookOptions Options { get; } = new() { AllowInsecureTargets = true, SendTimeout = TimeSpan.FromSeconds(2) };

    internal WebhookDatabase Database { get; private set; } = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        Database = new WebhookDatabase(NpgsqlDataSource.Create(ConnectionString));
    }

    public override async Task DisposeAsync()
    {
        await Database.DisposeAsync();
        await base.DisposeAsync();
    }

    /// <summary>A subscription to <paramref name="types"/> (every type when none), receiving the events of later transactions.</summary>
    protected async Task<Guid> SubscribeAsync(params string[] types)
    {
        var id = Guid.NewGuid();
        await ExecuteAsync(
            "INSERT INTO webhook_subscriptions (id, url, types, secret, created_at) VALUES ($1, 'http://127.0.0.1:9/hooks', $2, 'whsec_c2VjcmV0c2VjcmV0c2VjcmV0c2VjcmV0', now())",
            id, types.Length == 0 ? DBNull.Value : types);
        return id;
    }

    /// <summary>
    /// Events of <paramref name="types"/>, committed together in one transaction, as a command writes them; their ids
    /// (version 7 UUIDs, a millisecond apart) sort in the order they were published.
    /// </summary>
    protected async Task<Guid[]> PublishAsync(params string[] types)
    {
        var ids = types.Select(_ => Guid.CreateVersion7(_lastEventAt = Max(DateTimeOffset.UtcNow, _lastEventAt.AddMilliseconds(1)))).ToArray();
        await ExecuteAsync(
            "INSERT INTO events (id, type, subject, time, data) SELECT id, type, gen_random_uuid(), now(), '{}' FROM unnest($1::uuid[], $2::text[]) AS e(id, type)",
            ids, types);
        return ids;
    }

    /// <summary>A delivery of <paramref name="eventId"/> as the dispatcher leaves it: its status, attempts and when it is due.</summary>
    protected Task InsertDeliveryAsync(Guid subscription, Guid eventId, string status, int attempts, TimeSpan dueIn) =>
        ExecuteAsync(
            "INSERT INTO webhook_deliveries (subscription_id, event_id, status, attempts, next_attempt_at) VALUES ($1, $2, $3, $4, now() + $5)",
            subscription, eventId, status, attempts, dueIn);

    /// <summary>Each delivery of <paramref name="subscription"/> as "event status attempts", in event order.</summary>
    protected async Task<List<string>> DeliveriesAsync(Guid subscription) =>
        [.. (await ScalarAsync<string>(
            "SELECT coalesce(string_agg(event_id || ' ' || status || ' ' || attempts, ',' ORDER BY event_id), '') FROM webhook_deliveries WHERE subscription_id = $1",
            subscription)).Split(',', StringSplitOptions.RemoveEmptyEntries)];

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;
}
