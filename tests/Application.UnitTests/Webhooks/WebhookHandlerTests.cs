using NSubstitute;
using Slots.Application.Common;
using Slots.Application.Common.Behaviors;
using Slots.Application.Webhooks;
using Slots.Application.Webhooks.CreateWebhook;
using Slots.Application.Webhooks.ListDeliveries;
using Slots.Application.Webhooks.RetryDelivery;
using Slots.Domain.Common;
using static Slots.Application.UnitTests.TestData;

namespace Slots.Application.UnitTests.Webhooks;

public class WebhookHandlerTests
{
    private readonly IWebhookStore _store = Substitute.For<IWebhookStore>();
    private readonly IWebhookTargets _targets = Substitute.For<IWebhookTargets>();

    public WebhookHandlerTests() =>
        _targets.RefusalAsync(Arg.Any<Uri>(), Arg.Any<CancellationToken>()).Returns((string?)null);

    [Fact]
    public async Task Create_stores_a_fresh_secret_and_returns_it_once()
    {
        var handler = new CreateWebhookHandler(_store, Clock());

        var first = await handler.Handle(
            new CreateWebhookCommand("https://billing.internal/hooks", ["slots.slot.created", "slots.booking.created"], "billing"), default);
        var second = await handler.Handle(new CreateWebhookCommand("https://billing.internal/hooks", null, null), default);

        _store.Received(1).Add(Arg.Is<NewWebhook>(w => w.Id == first.Id && w.Secret == first.Secret && w.Url.Host == "billing.internal"));
        Assert.StartsWith("whsec_", first.Secret, StringComparison.Ordinal);
        Assert.Equal(32, Convert.FromBase64String(first.Secret["whsec_".Length..]).Length);
        Assert.NotEqual(first.Secret, second.Secret);
        Assert.Null(second.Types);
        // Kept in one order, whatever order they were named in.
        Assert.Equal(["slots.booking.created", "slots.slot.created"], first.Types);
        Assert.Equal(WebhookHealthStatus.Healthy, first.Health.Status);
    }

    /// <summary>
    /// The target is checked with the validators, before the transaction (resolving its name may wait on DNS): a refused
    /// one never reaches the handler, so nothing is stored.
    /// </summary>
    [Fact]
    public async Task Create_refuses_a_target_the_policy_refuses_before_the_handler_and_stores_nothing()
    {
        _targets.RefusalAsync(Arg.Any<Uri>(), Arg.Any<CancellationToken>()).Returns("169.254.169.254 is a cloud metadata address.");
        var behavior = new ValidationBehavior<CreateWebhookCommand, CreatedWebhookResponse>(
            [new CreateWebhookValidator()], [new CreateWebhookTargetCheck(_targets)]);
        var handler = new CreateWebhookHandler(_store, Clock());

        var error = await Assert.ThrowsAsync<DomainException>(async () => await behavior.Handle(
            new CreateWebhookCommand("http://metadata.internal/", null, null), (m, ct) => handler.Handle(m, ct), default));

        Assert.Equal("webhook_target_refused", error.Code);
        Assert.Equal("url", error.Target);
        _store.DidNotReceive().Add(Arg.Any<NewWebhook>());
    }

    [Theory]
    [InlineData(RetryOutcome.InFlight, true, "delivery_in_flight")]
    [InlineData(RetryOutcome.Disabled, true, "webhook_disabled")]
    [InlineData(RetryOutcome.NotFound, true, "delivery_not_found")]
    [InlineData(RetryOutcome.NotFound, false, "webhook_not_found")]
    public async Task Retry_says_why_it_did_not_schedule(RetryOutcome outcome, bool subscriptionExists, string code)
    {
        _store.RetryAsync(Arg.Any<Guid>(), Arg.Any<Guid>(), Arg.Any<CancellationToken>()).Returns((outcome, (WebhookDeliveryResponse?)null));
        _store.ExistsAsync(Arg.Any<Guid>(), Arg.Any<CancellationToken>()).Returns(subscriptionExists);

        var error = await Assert.ThrowsAsync<DomainException>(async () =>
            await new RetryDeliveryHandler(_store).Handle(new RetryDeliveryCommand(Guid.NewGuid(), Guid.NewGuid()), default));

        Assert.Equal(code, error.Code);
    }

    [Fact]
    public async Task Deliveries_page_by_the_last_ones_id()
    {
        var webhook = Guid.NewGuid();
        _store.ExistsAsync(webhook, Arg.Any<CancellationToken>()).Returns(true);
        var after = Guid.CreateVersion7();
        List<WebhookDeliveryResponse> rows = [Delivery(), Delivery(), Delivery()];
        _store.ListDeliveriesAsync(webhook, DeliveryStatus.Failed, after, 3, Arg.Any<CancellationToken>()).Returns(rows);

        var page = await new ListDeliveriesHandler(_store).Handle(
            new ListDeliveriesQuery(webhook, "failed", 2, DeliveryCursor.Encode(after)), default);

        Assert.Equal(2, page.Items.Count);
        Assert.True(DeliveryCursor.TryDecode(page.NextCursor, out var next));
        Assert.Equal(rows[1].Id, next);
    }

    [Theory]
    [InlineData("https://billing.internal/hooks", null, null, true)]
    [InlineData("http://127.0.0.1:4000/hooks", new[] { "slots.slot.created", "slots.booking.cancelled" }, "calendar", true)]
    [InlineData("https://billing.internal/hooks", new string[0], null, false)]
    [InlineData("https://billing.internal/hooks", new[] { "slots.slot.created", "slots.slot.created" }, null, false)]
    [InlineData("https://billing.internal/hooks", new[] { "Slots.Slot.Created" }, null, false)]
    [InlineData("mailto:ops@example.com", null, null, false)]
    [InlineData("https://u:p@billing.internal/hooks", null, null, false)]
    [InlineData(null, null, null, false)]
    public void The_validator_takes_only_absolute_http_urls_and_known_types(string? url, string[]? types, string? description, bool valid) =>
        Assert.Equal(valid, new CreateWebhookValidator().Validate(new CreateWebhookCommand(url, types, description)).IsValid);

    [Fact]
    public void A_cursor_that_is_not_one_is_refused()
    {
        var validator = new ListDeliveriesValidator();

        Assert.False(validator.Validate(new ListDeliveriesQuery(Guid.NewGuid(), null, null, "not-a-cursor")).IsValid);
        Assert.False(validator.Validate(new ListDeliveriesQuery(Guid.NewGuid(), "Failed", null, null)).IsValid);
        Assert.False(validator.Validate(new ListDeliveriesQuery(Guid.NewGuid(), null, Paging.MaxLimit + 1, null)).IsValid);
        Assert.True(validator.Validate(new ListDeliveriesQuery(Guid.NewGuid(), "sending", 1, DeliveryCursor.Encode(Guid.CreateVersion7()))).IsValid);
    }

    private static WebhookDeliveryResponse Delivery() => new(
        Guid.CreateVersion7(), "slots.slot.created", "1-1", DeliveryStatus.Failed, 3, DateTime.UtcNow, null, 500, "HTTP 500", null, null);
}
