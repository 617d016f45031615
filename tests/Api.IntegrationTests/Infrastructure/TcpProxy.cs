using System.Net;
using System.Net.Sockets;

namespace Slots.Api.IntegrationTests.Infrastructure;

/// <summary>
/// A TCP proxy on loopback in front of the test PostgreSQL, so a test can take the database away from one API
/// without touching the server the other tests use: <see cref="Mode.Blackhole"/> stops every byte (a network
/// partition: nothing answers, nothing is refused), <see cref="Mode.Reject"/> closes every connection at once (a
/// server that is gone), <see cref="Mode.Forward"/> brings it back for new connections.
/// </summary>
public sealed class TcpProxy : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly int _targetPort;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<(TcpClient Client, TcpClient Server)> _pairs = [];
    private readonly Task _accepting;
    private int _connectionAttempts;

    public TcpProxy(int targetPort)
    {
        _targetPort = targetPort;
        _listener.Start();
        _accepting = AcceptAsync();
    }

    public enum Mode
    {
        Forward,
        Blackhole,
        Reject,
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public Mode Current { get; private set; } = Mode.Forward;

    /// <summary>Connections opened to the proxy so far, whatever happened to them.</summary>
    public int ConnectionAttempts => Volatile.Read(ref _connectionAttempts);

    /// <summary>Switches mode; leaving <see cref="Mode.Forward"/> stops or closes every open connection too.</summary>
    public void Set(Mode mode)
    {
        Current = mode;
        if (mode == Mode.Reject)
        {
            lock (_pairs)
            {
                foreach (var (client, server) in _pairs)
                {
                    Reset(client);
                    server.Dispose();
                }

                _pairs.Clear();
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        Set(Mode.Reject);
        await _accepting.ContinueWith(_ => { }, TaskScheduler.Default);
        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            Interlocked.Increment(ref _connectionAttempts);
            _ = Task.Run(() => ServeAsync(client));
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        switch (Current)
        {
            case Mode.Reject:
                Reset(client);
                return;
            case Mode.Blackhole:
                lock (_pairs)
                {
                    _pairs.Add((client, new TcpClient()));
                }

                return;
        }

        var server = new TcpClient();
        try
        {
            await server.ConnectAsync(IPAddress.Loopback, _targetPort);
        }
        catch (SocketException)
        {
            client.Dispose();
            server.Dispose();
            return;
        }

        lock (_pairs)
        {
            _pairs.Add((client, server));
        }

        await Task.WhenAny(PumpAsync(client.GetStream(), server.GetStream()), PumpAsync(server.GetStream(), client.GetStream()));
        client.Dispose();
        server.Dispose();
    }

    // Closed with a reset, as by a host that is gone; a no-op on a connection that already ended.
    private static void Reset(TcpClient client)
    {
        try
        {
            client.Client?.LingerState = new LingerOption(true, 0);
        }
        catch (Exception e) when (e is ObjectDisposedException or SocketException)
        {
        }

        client.Dispose();
    }

    // Copies until either side closes, or until the proxy stops forwarding: then the bytes stop, the sockets stay.
    private async Task PumpAsync(NetworkStream from, NetworkStream to)
    {
        var buffer = new byte[16 * 1024];
        try
        {
            while (true)
            {
                var read = await from.ReadAsync(buffer, _stop.Token);
                if (read == 0)
                {
                    return;
                }

                while (Current == Mode.Blackhole)
                {
                    await Task.Delay(50, _stop.Token);
                }

                await to.WriteAsync(buffer.AsMemory(0, read), _stop.Token);
            }
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or OperationCanceledException or SocketException)
        {
        }
    }
}
