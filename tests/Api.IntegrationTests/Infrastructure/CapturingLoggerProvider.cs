using Microsoft.Extensions.Logging;

namespace Slots.Api.IntegrationTests.Infrastructure;

/// <summary>Keeps every log entry with the trace id of the scope it was written in.</summary>
public sealed class CapturingLoggerProvider : ILoggerProvider, ISupportExternalScope
{
    private readonly List<(string Category, string Message, string? TraceId, LogLevel Level)> _entries = [];
    private IExternalScopeProvider _scopes = new LoggerExternalScopeProvider();

    public IReadOnlyList<(string Category, string Message, string? TraceId, LogLevel Level)> Entries
    {
        get
        {
            lock (_entries)
            {
                return [.. _entries];
            }
        }
    }

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;

    public void Dispose()
    {
    }

    private sealed class Logger(CapturingLoggerProvider provider, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => provider._scopes.Push(state);

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            string? traceId = null;
            provider._scopes.ForEachScope(
                (scope, _) =>
                {
                    if (scope is IEnumerable<KeyValuePair<string, object?>> pairs)
                    {
                        traceId ??= pairs.FirstOrDefault(p => p.Key == "TraceId").Value?.ToString();
                    }
                },
                (object?)null);
            lock (provider._entries)
            {
                provider._entries.Add((category, formatter(state, exception), traceId, logLevel));
            }
        }
    }
}
