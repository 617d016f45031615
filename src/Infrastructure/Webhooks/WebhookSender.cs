using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using Slots.Application.Events;
using StandardWebhooks;

namespace Slots.Infrastructure.Webhooks;

/// <summary>
/// Sends one claimed delivery and says how it went: the event as a CloudEvent, signed the Standard Webhooks way, within
/// <see cref="WebhookOptions.SendTimeout"/>, with no redirects, no proxy and no cookies, and only to addresses
/// <see cref="WebhookTargets"/> allows at the moment of connecting. At most <see cref="WebhookOptions.Concurrency"/> are
/// sent at once; the rest wait their turn, their timeout not yet running. Any failure is an outcome with its error and
/// the wait before the next attempt, never an exception.
/// </summary>
internal sealed partial class WebhookSender : IDisposable
{
    /// <summary>The longest error kept with a delivery (the column's size).</summary>
    public const int MaxErrorLength = 500;

    private readonly WebhookOptions _options;
    private readonly WebhookSecrets _secrets;
    private readonly ILogger<WebhookSender> _logger;
    private readonly SemaphoreSlim _sending;
    private readonly HttpClient _http;

    public WebhookSender(WebhookOptions options, WebhookTargets targets, WebhookSecrets secrets, ILogger<WebhookSender> logger)
    {
        (_options, _secrets, _logger) = (options, secrets, logger);
        _sending = new SemaphoreSlim(options.Concurrency, options.Concurrency);
        _http = new HttpClient(new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseProxy = false,
            UseCookies = false,
            ConnectCallback = (context, ct) => targets.ConnectAsync(context.DnsEndPoint, ct),
            PooledConnectionLifetime = TimeSpan.FromMinutes(1),
            // Shorter than the common servers' keep-alive (Node.js closes an idle connection after 5 s): a connection the
            // receiver may already have closed is not reused, so a send does not fail on it.
            PooledConnectionIdleTimeout = TimeSpan.FromSeconds(4),
            ConnectTimeout = ConnectTimeout,
        })
        {
            Timeout = Timeout.InfiniteTimeSpan, // each send has its own
            DefaultRequestHeaders = { UserAgent = { new ProductInfoHeaderValue("consulting-slots-webhooks", "1") } },
        };
    }

    /// <summary>
    /// A connection refused, reset or not answered in time: one error for all, so that an admin cannot learn from a
    /// subscription's errors which ports of an internal host are open, closed or filtered.
    /// </summary>
    public const string Unreachable = "The receiver could not be reached.";

    /// <summary>The error of a delivery whose secret cannot be opened: nothing is sent unsigned or signed wrongly.</summary>
    public const string SecretUnreadable =
        "The subscription's signing secret cannot be opened: the key that sealed it is missing from the key ring or cannot be "
        + "decrypted (Slots:DataProtection:CertificateFile).";

    /// <summary>The connect timeout, which is never longer than the whole send's.</summary>
    private TimeSpan ConnectTimeout => _options.ConnectTimeout < _options.SendTimeout ? _options.ConnectTimeout : _options.SendTimeout;

    public async Task<DeliveryOutcome> SendAsync(ClaimedDelivery delivery)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        await _sending.WaitAsync(CancellationToken.None);
        try
        {
            return await SendNowAsync(delivery);
        }
        finally
        {
            _sending.Release();
        }
    }

    private async Task<DeliveryOutcome> SendNowAsync(ClaimedDelivery delivery)
    {
        int? status = null;
        string? error;
        try
        {
            using var timeout = new CancellationTokenSource(_options.SendTimeout);
            using var request = Signed(delivery);
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            status = (int)response.StatusCode;
            error = response.IsSuccessStatusCode ? null
                : response.StatusCode is >= HttpStatusCode.MultipleChoices and < HttpStatusCode.BadRequest
                    ? $"HTTP {status} (redirects are not followed)"
                    : $"HTTP {status}";
        }
        catch (Exception e) when (e is OperationCanceledException or HttpRequestException && e.InnerException is TimeoutException)
        {
            error = Unreachable;
        }
        catch (OperationCanceledException)
        {
            error = $"No answer within {_options.SendTimeout.TotalSeconds:0.###} s.";
        }
        catch (HttpRequestException e) when (e.InnerException is WebhookTargetRefusedException refused)
        {
            error = "Target refused: " + refused.Message;
        }
        catch (HttpRequestException e) when (e.HttpRequestError == HttpRequestError.ConnectionError)
        {
            error = Unreachable;
        }
        catch (HttpRequestException e)
        {
            error = e.HttpRequestError + ": " + e.Message;
        }
        catch (CryptographicException)
        {
            error = SecretUnreadable;
        }

        if (error is not null)
        {
            LogAttemptFailed(delivery.Event.Id, delivery.Subscription, delivery.Attempt, error);
        }

        return new DeliveryOutcome(
            delivery.Subscription, delivery.Event.Id, delivery.Attempt, status, error is { Length: > MaxErrorLength } ? error[..MaxErrorLength] : error,
            error is null ? TimeSpan.Zero : _options.RetryDelay(delivery.Attempt, Random.Shared.NextDouble()));
    }

    private HttpRequestMessage Signed(ClaimedDelivery delivery)
    {
        var body = CloudEventJson.Encode(delivery.Event);
        var id = delivery.Event.Id.ToString();
        // A signer per send, from the secrets the claim just read: no secret outlives its delivery in this process (a cache
        // kept every secret ever used, deleted subscriptions' too). Opening one is an AES decryption and a base64 decode.
        // While a rotation's previous secret is honoured, both sign, space-separated, as Standard Webhooks allows: a
        // receiver verifying with either accepts the delivery. The new secret's comes first: the StandardWebhooks package
        // for .NET (1.1.2) checks only the first of several, so a receiver using it accepts once it has the new secret.
        var text = Encoding.UTF8.GetString(body.Span);
        var signature = new StandardWebhook(_secrets.Open(delivery.Secret)).Sign(id, delivery.ClaimedAt, text);
        if (delivery.PreviousSecret is { } previous)
        {
            signature += " " + new StandardWebhook(_secrets.Open(previous)).Sign(id, delivery.ClaimedAt, text);
        }

        var request = new HttpRequestMessage(HttpMethod.Post, delivery.Url)
        {
            Content = new ReadOnlyMemoryContent(body) { Headers = { ContentType = new MediaTypeHeaderValue("application/cloudevents+json") { CharSet = "utf-8" } } },
        };
        var names = WebhookConfigurationOptions.StandardWebhooks;
        request.Headers.Add(names.IdHeaderKey, id);
        request.Headers.Add(names.TimestampHeaderKey, delivery.ClaimedAt.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture));
        request.Headers.Add(names.SignatureHeaderKey, signature);
        return request;
    }

    public void Dispose()
    {
        _http.Dispose();
        _sending.Dispose();
    }

    [LoggerMessage(LogLevel.Information, "Webhook delivery of event {EventId} to subscription {SubscriptionId}, attempt {Attempt}, failed: {Error}")]
    private partial void LogAttemptFailed(Guid eventId, Guid subscriptionId, int attempt, string error);
}
