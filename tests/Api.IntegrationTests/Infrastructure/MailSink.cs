using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using MimeKit;
using SmtpServer;
using SmtpServer.ComponentModel;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace Slots.Api.IntegrationTests.Infrastructure;

/// <summary>
/// A real SMTP server on a loopback port (the SmtpServer package), as the API's mail server: it keeps every message it
/// accepts, raw, for the tests to parse as the recipient's mail client would. It can be stopped and started again on the
/// same port, as a mail server that goes down.
/// </summary>
public sealed class MailSink : IAsyncDisposable
{
    private CancellationTokenSource? _running;
    private Task? _serving;

    private MailSink(int port) => Port = port;

    public int Port { get; }

    /// <summary>Every message accepted, raw, in the order they arrived.</summary>
    public ConcurrentQueue<byte[]> Raw { get; } = new();

    /// <summary>The messages accepted, parsed.</summary>
    public IReadOnlyList<MimeMessage> Messages => [.. Raw.Select(r => MimeMessage.Load(new MemoryStream(r)))];

    public static async Task<MailSink> StartNewAsync()
    {
        var sink = new MailSink(WebhookReceiver.FreePort());
        await sink.StartAsync();
        return sink;
    }

    public async Task StartAsync()
    {
        var options = new SmtpServerOptionsBuilder()
            .ServerName("mail-sink")
            .Endpoint(endpoint => endpoint.Endpoint(new IPEndPoint(IPAddress.Loopback, Port)))
            .Build();
        var services = new ServiceProvider();
        services.Add(new Store(Raw));
        var server = new SmtpServer.SmtpServer(options, services);
        _running = new CancellationTokenSource();
        _serving = server.StartAsync(_running.Token);
        // Ready once it accepts a connection.
        for (var deadline = DateTime.UtcNow.AddSeconds(10); ; await Task.Delay(20))
        {
            try
            {
                using var probe = new System.Net.Sockets.TcpClient();
                await probe.ConnectAsync(IPAddress.Loopback, Port);
                return;
            }
            catch (System.Net.Sockets.SocketException) when (DateTime.UtcNow < deadline && !_serving.IsCompleted)
            {
            }
        }
    }

    public async Task StopAsync()
    {
        if (_running is { } running && _serving is { } serving)
        {
            (_running, _serving) = (null, null);
            await running.CancelAsync();
            try
            {
                await serving;
            }
            catch (OperationCanceledException)
            {
            }

            running.Dispose();
        }
    }

    /// <summary>Waits until <paramref name="done"/> holds for the messages, or fails after <paramref name="patience"/>.</summary>
    public Task<IReadOnlyList<MimeMessage>> WaitForAsync(Func<IReadOnlyList<MimeMessage>, bool> done, TimeSpan patience, string what) =>
        Polling.UntilAsync(() => Messages, done, patience, messages => $"{what}; the sink holds {messages.Count} messages");

    public ValueTask DisposeAsync() => new(StopAsync());

    private sealed class Store(ConcurrentQueue<byte[]> raw) : MessageStore
    {
        public override Task<SmtpResponse> SaveAsync(
            ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
        {
            raw.Enqueue(buffer.ToArray());
            return Task.FromResult(SmtpResponse.Ok);
        }
    }
}
