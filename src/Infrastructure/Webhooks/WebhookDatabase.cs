using Npgsql;

namespace Slots.Infrastructure.Webhooks;

/// <summary>The dispatcher's own few connections, apart from the requests' pool.</summary>
internal sealed class WebhookDatabase(NpgsqlDataSource source) : IAsyncDisposable
{
    public NpgsqlDataSource Source { get; } = source;

    public ValueTask DisposeAsync() => Source.DisposeAsync();
}
