using System.Text.Json;
using Npgsql;
using Slots.Client;
using Slots.Samples.FeedConsumer;
using StandardWebhooks;
using StandardWebhooks.Diagnostics;

// A sample internal service. It follows the API's events feed (the source of truth: every event, in order, resumable)
// and also takes the API's webhook deliveries (sooner, but at least once and in no set order), verified with the
// subscription's secret; either way each event is handled once (HandledEvents).
var builder = WebApplication.CreateBuilder(args);
var options = builder.Configuration.GetSection("FeedConsumer").Get<ConsumerOptions>() ?? new ConsumerOptions();
if (options.Api is null || string.IsNullOrEmpty(options.Token) || string.IsNullOrEmpty(options.Database))
{
    throw new InvalidOperationException("Set FeedConsumer:Api, FeedConsumer:Token and FeedConsumer:Database.");
}

builder.Services.AddSingleton(options);
builder.Services.AddSingleton(NpgsqlDataSource.Create(options.Database));
builder.Services.AddSingleton<HandledEvents>();
builder.Services.AddHttpClient("slots", http => http.BaseAddress = options.Api);
builder.Services.AddSingleton(services => SlotsClient.Create(
    services.GetRequiredService<IHttpClientFactory>().CreateClient("slots"), _ => Task.FromResult<string?>(options.Token)));
builder.Services.AddHostedService<FeedFollower>();

var app = builder.Build();
await app.Services.GetRequiredService<HandledEvents>().CreateAsync(CancellationToken.None);

// A delivery: the body as sent (the signature covers its bytes), verified, then handled like the feed's copy.
app.MapPost("/webhooks", async (HttpRequest request, HandledEvents handled, CancellationToken ct) =>
{
    if (string.IsNullOrEmpty(options.WebhookSecret))
    {
        return Results.NotFound();
    }

    using var reader = new StreamReader(request.Body);
    var body = await reader.ReadToEndAsync(ct);
    try
    {
        new StandardWebhook(options.WebhookSecret).Verify(body, request.Headers);
    }
    catch (WebhookVerificationException)
    {
        return Results.Unauthorized();
    }

    var cloudEvent = JsonDocument.Parse(body).RootElement;
    await handled.FromWebhookAsync(
        new HandledEvents.Event(
            cloudEvent.GetProperty("id").GetGuid(), cloudEvent.GetProperty("type").GetString()!,
            cloudEvent.TryGetProperty("subject", out var subject) && Guid.TryParse(subject.GetString(), out var id) ? id : null,
            cloudEvent.GetProperty("position").GetString()!),
        ct);
    return Results.NoContent();
});

await app.RunAsync();
