using System.Net;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Logging.Abstractions;
using Slots.Api.IntegrationTests.Infrastructure;
using Slots.Application.Events;
using Slots.Infrastructure.Webhooks;

namespace Slots.Api.IntegrationTests.Webhooks;

/// <summary>
/// The sender alone, against a real receiver that verifies signatures: every answer becomes an outcome (delivered, or an
/// error with the wait before the next attempt), never an exception, and only allowed addresses are called.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class WebhookSenderTests : IAsyncLifetime
{
    private const string Secret = "whsec_c2VjcmV0c2VjcmV0c2VjcmV0c2VjcmV0";
    private static readonly WebhookOptions Options = new() { AllowInsecureTargets = true, SendTimeout = TimeSpan.FromMilliseconds(500) };

    /// <summary>Seals and opens secrets with a key ring of its own, in memory.</summary>
    private static readonly WebhookSecrets Secrets = new(new EphemeralDataProtectionProvider());

    private readonly TestHostNames _names = new();
    private WebhookReceiver _receiver = null!;
    private WebhookSender _sender = null!;

    public async Task InitializeAsync()
    {
        _receiver = await WebhookReceiver.StartAsync();
        _receiver.Secret = Secret;
        _sender = new WebhookSender(Options, new WebhookTargets(Options, _names.ResolveAsync), Secrets, NullLogger<WebhookSender>.Instance);
    }

    public async Task DisposeAsync()
    {
        _sender.Dispose();
        await _receiver.DisposeAsync();
    }

    [Fact]
    public async Task An_answer_in_2xx_delivers_a_signed_cloud_event()
    {
        var delivery = Delivery(_receiver.Url);

        var outcome = await _sender.SendAsync(delivery);

        Assert.Equal(new DeliveryOutcome(delivery.Subscription, delivery.Event.Id, 2, 204, null, TimeSpan.Zero), outcome);
        var received = Assert.Single(_receiver.Requests);
        Assert.Empty(_receiver.Rejected); // the signature verified
        Assert.Equal(delivery.Event.Id.ToString(), received.Id);
        Assert.Equal("application/cloudevents+json; charset=utf-8", received.ContentType);
        Assert.Equal("slots.booking.created", received.Type);
        Assert.Equal("12-3", received.Position);
    }

    [Fact]
    public async Task A_sealed_secret_is_opened_to_sign()
    {
        var outcome = await _sender.SendAsync(Delivery(_receiver.Url, secret: Secrets.Seal(Secret)));

        Assert.Null(outcome.Error);
        Assert.True(Assert.Single(_receiver.Requests).VerifiesWith(Secret));
        Assert.Empty(_receiver.Rejected);
    }

    [Fact]
    public async Task While_a_previous_secret_is_honoured_each_secret_alone_verifies_the_delivery()
    {
        const string previous = "whsec_cHJldmlvdXNwcmV2aW91c3ByZXZpb3VzcHJldg==";

        var outcome = await _sender.SendAsync(Delivery(_receiver.Url, secret: Secrets.Seal(Secret), previous: Secrets.Seal(previous)));

        Assert.Null(outcome.Error);
        var received = Assert.Single(_receiver.Requests);
        Assert.Equal(2, received.Signature.Split(' ').Length);
        Assert.All(received.Signature.Split(' '), s => Assert.StartsWith("v1,", s, StringComparison.Ordinal));
        Assert.True(received.VerifiesWith(Secret));
        Assert.True(received.VerifiesWith(previous));
        Assert.False(received.VerifiesWith("whsec_b3RoZXJvdGhlcm90aGVyb3RoZXJvdGhlcm90aA=="));
        Assert.Empty(_receiver.Rejected); // the package, which reads only the first signature, verified it with the current secret
    }

    [Fact]
    public async Task A_secret_sealed_by_a_key_this_ring_lacks_fails_the_attempt_and_sends_nothing()
    {
        var foreign = new WebhookSecrets(new EphemeralDataProtectionProvider()).Seal(Secret);

        var outcome = await _sender.SendAsync(Delivery(_receiver.Url, attempt: 1, secret: foreign));

        Assert.Equal(WebhookSender.SecretUnreadable, outcome.Error);
        Assert.Null(outcome.Status);
        Assert.True(outcome.RetryDelay > TimeSpan.Zero);
        Assert.Empty(_receiver.Requests);
        Assert.Empty(_receiver.Rejected);
    }

    [Theory]
    [InlineData(500, "HTTP 500")]
    [InlineData(410, "HTTP 410")]
    [InlineData(302, "HTTP 302 (redirects are not followed)")]
    public async Task Any_other_answer_is_an_error_retried_after_a_growing_wait(int answer, string error)
    {
        _receiver.Answer = answer;

        var outcome = await _sender.SendAsync(Delivery(_receiver.Url, attempt: 3));

        Assert.Equal((answer, error), (outcome.Status, outcome.Error));
        // The third attempt waits between half and all of four first waits.
        Assert.InRange(outcome.RetryDelay, Options.FirstRetryDelay * 2, Options.FirstRetryDelay * 4);
        Assert.Equal(0, _receiver.RedirectedHits);
    }

    [Fact]
    public async Task A_receiver_that_does_not_answer_in_time_is_an_error()
    {
        _receiver.Hang = true;

        var outcome = await _sender.SendAsync(Delivery(_receiver.Url));

        Assert.Equal((null, "No answer within 0.5 s."), (outcome.Status, outcome.Error));
    }

    [Fact]
    public async Task A_receiver_that_is_down_is_an_error()
    {
        await _receiver.StopAsync();

        var outcome = await _sender.SendAsync(Delivery(_receiver.Url));

        Assert.Equal((null, WebhookSender.Unreachable), (outcome.Status, outcome.Error));
    }

    /// <summary>
    /// A host that drops the connection's packets (here a listener whose queue of connections to accept is full, so the
    /// kernel drops new SYNs) is given up on at the connect timeout, not after the whole send's.
    /// </summary>
    [Fact]
    public async Task A_host_that_never_accepts_the_connection_is_given_up_at_the_connect_timeout()
    {
        var quick = new WebhookOptions { AllowInsecureTargets = true, SendTimeout = TimeSpan.FromSeconds(30), ConnectTimeout = TimeSpan.FromMilliseconds(300) };
        using var sender = new WebhookSender(quick, new WebhookTargets(quick, _names.ResolveAsync), Secrets, NullLogger<WebhookSender>.Instance);
        using var listener = new System.Net.Sockets.Socket(System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen(1);
        var port = ((IPEndPoint)listener.LocalEndPoint!).Port;
        var fillers = new List<System.Net.Sockets.Socket>();
        var hung = 0;
        for (var i = 0; i < 4; i++) // the queue holds two; the rest are the ones that hang
        {
            var filler = new System.Net.Sockets.Socket(System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Tcp);
            fillers.Add(filler);
            using var patience = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
            try
            {
                await filler.ConnectAsync(new IPEndPoint(IPAddress.Loopback, port), patience.Token);
            }
            catch (OperationCanceledException)
            {
                hung++; // the queue is full
            }
        }

        Assert.True(hung > 0, "the listener's queue never filled");

        try
        {
            var outcome = await sender.SendAsync(Delivery(new Uri($"http://127.0.0.1:{port}/hooks")));

            // The same words as a refused connection (a closed port and a filtered one read alike), and not the send
            // timeout's "No answer within 30 s.", which it would have waited for without the connect timeout.
            Assert.Equal((null, WebhookSender.Unreachable), (outcome.Status, outcome.Error));
        }
        finally
        {
            fillers.ForEach(f => f.Dispose());
        }
    }

    [Fact]
    public async Task A_name_that_now_resolves_to_a_refused_address_is_never_called()
    {
        _names.Set("hooks.example.test", [IPAddress.Parse("169.254.169.254")]);

        var outcome = await _sender.SendAsync(Delivery(new Uri($"http://hooks.example.test:{_receiver.Port}/hooks")));

        Assert.Equal("Target refused: 169.254.169.254 is a cloud metadata address.", outcome.Error);
        Assert.Empty(_receiver.Requests);
    }

    [Fact]
    public async Task No_more_than_the_concurrency_are_sent_at_once_and_the_rest_wait_their_turn()
    {
        var two = new WebhookOptions { AllowInsecureTargets = true, SendTimeout = TimeSpan.FromSeconds(20), Concurrency = 2 };
        using var sender = new WebhookSender(two, new WebhookTargets(two, _names.ResolveAsync), Secrets, NullLogger<WebhookSender>.Instance);
        _receiver.Hang = true;

        var sends = Enumerable.Range(0, 5).Select(_ => sender.SendAsync(Delivery(_receiver.Url))).ToList();
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (_receiver.Requests.Count < 2 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
        }

        await Task.Delay(300); // a third request, were one let through, arrives long before this
        var atOnce = _receiver.Requests.Count;
        _receiver.Release();
        var outcomes = await Task.WhenAll(sends);

        Assert.Equal(2, atOnce);
        Assert.All(outcomes, o => Assert.Null(o.Error));
        Assert.Equal(5, _receiver.Requests.Count);
    }

    private static ClaimedDelivery Delivery(Uri url, int attempt = 2, string secret = Secret, string? previous = null) => new(
        Guid.NewGuid(), attempt, DateTimeOffset.UtcNow, url, secret, previous,
        new FeedEvent(Guid.CreateVersion7(), "slots.booking.created", Guid.NewGuid(), DateTime.UtcNow, new EventPosition(12, 3), "{}"));
}
