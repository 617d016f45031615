using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Slots.Api.IntegrationTests.Infrastructure;
using Slots.Infrastructure;
using Slots.Infrastructure.Webhooks;
using Slots.Tests.Shared;

namespace Slots.Api.IntegrationTests;

/// <summary>
/// Webhook secrets at rest and their rotation: the database holds them sealed by a key ring it cannot read without the
/// operator's certificate; a rotation signs with both secrets for a while, and only with the new one after.
/// </summary>
[Collection(ApiCollection.Name)]
public class WebhookSecretTests(SlotsApiFactory factory) : WebhookTestBase(factory)
{
    [Fact]
    public async Task A_secret_is_stored_sealed_by_a_key_ring_the_certificate_encrypts_and_still_signs()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var webhook = await SubscribeAsync(receiver);

        var stored = await StoredSecretAsync(webhook);
        Assert.DoesNotContain(receiver.Secret!["whsec_".Length..], stored, StringComparison.Ordinal);
        Assert.False(WebhookSecrets.IsPlain(stored));
        var keys = await KeyRingAsync();
        Assert.NotEmpty(keys);
        Assert.All(keys, xml =>
        {
            Assert.Contains("<encryptedSecret", xml, StringComparison.Ordinal);
            Assert.DoesNotContain("<masterKey", xml, StringComparison.Ordinal);
        });

        var slot = Id(await CreateSlotAsync(NewSpecialist()));
        await receiver.WaitForAsync(r => OfSlot(r, slot).Count == 1, Patience, "the slot's creation");
        Assert.Empty(receiver.Rejected);
    }

    [Fact]
    public async Task Another_process_with_the_certificate_opens_the_secrets_and_one_without_it_cannot()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var webhook = await SubscribeAsync(receiver);
        var stored = await StoredSecretAsync(webhook);

        await using (var same = OtherProcess(Factory.KeyRingCertificateFile))
        {
            Assert.Equal(receiver.Secret, same.GetRequiredService<WebhookSecrets>().Open(stored));
        }

        var otherFile = Path.GetTempFileName();
        try
        {
            KeyRingCertificates.Write(otherFile);
            await using var other = OtherProcess(otherFile);
            Assert.ThrowsAny<CryptographicException>(() => other.GetRequiredService<WebhookSecrets>().Open(stored));
        }
        finally
        {
            File.Delete(otherFile);
        }
    }

    [Fact]
    public async Task A_secret_stored_plain_before_secrets_were_sealed_is_sealed_by_the_start_up_pass_and_still_signs()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var webhook = await SubscribeAsync(receiver);
        await Factory.ExecuteAsync(
            "UPDATE webhook_subscriptions SET secret = $1, previous_secret = $1, previous_secret_until = now() + interval '1 hour' WHERE id = $2",
            receiver.Secret!, webhook);

        var sealedNow = await Factory.Services.GetRequiredService<SecretSealer>().SealAsync(default);

        Assert.True(sealedNow >= 1);
        Assert.False(WebhookSecrets.IsPlain(await StoredSecretAsync(webhook)));
        Assert.False(WebhookSecrets.IsPlain(await Factory.ScalarAsync<string>("SELECT previous_secret FROM webhook_subscriptions WHERE id = $1", webhook)));
        var slot = Id(await CreateSlotAsync(NewSpecialist()));
        var received = Assert.Single(OfSlot(await receiver.WaitForAsync(r => OfSlot(r, slot).Count == 1, Patience, "the slot's creation"), slot));
        Assert.Empty(receiver.Rejected);
        Assert.Equal(2, received.Signature.Split(' ').Length);
    }

    [Fact]
    public async Task A_rotation_signs_with_both_secrets_for_a_while_then_with_the_new_one_alone()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var webhook = await SubscribeAsync(receiver);
        var first = receiver.Secret!;

        // Rotated with the default overlap: a day of two signatures, each verifying alone.
        var rotated = await RotatedAsync(webhook, body: null);
        var second = rotated.GetProperty("secret").GetString()!;
        Assert.NotEqual(first, second);
        Assert.StartsWith("whsec_", second, StringComparison.Ordinal);
        Assert.Equal(webhook, rotated.GetProperty("id").GetGuid());
        Assert.InRange(rotated.GetProperty("previousSecretValidUntil").GetDateTime(), DateTime.UtcNow.AddHours(23), DateTime.UtcNow.AddHours(25));
        receiver.Secret = second;
        var both = await NextDeliveryAsync(receiver);
        Assert.Equal(2, both.Signature.Split(' ').Length);
        Assert.True(both.VerifiesWith(first));
        Assert.True(both.VerifiesWith(second));

        // Rotated with no overlap (a leaked secret): the one replaced stops at once.
        rotated = await RotatedAsync(webhook, new { keepPreviousMinutes = 0 });
        var third = rotated.GetProperty("secret").GetString()!;
        Assert.Equal(System.Text.Json.JsonValueKind.Null, rotated.GetProperty("previousSecretValidUntil").ValueKind);
        receiver.Secret = third;
        var alone = await NextDeliveryAsync(receiver);
        Assert.Single(alone.Signature.Split(' '));
        Assert.True(alone.VerifiesWith(third));
        Assert.False(alone.VerifiesWith(second));
        Assert.False(alone.VerifiesWith(first));

        // Rotated with an hour's overlap, which then runs out: one signature again.
        rotated = await RotatedAsync(webhook, new { keepPreviousMinutes = 60 });
        var fourth = rotated.GetProperty("secret").GetString()!;
        Assert.InRange(rotated.GetProperty("previousSecretValidUntil").GetDateTime(), DateTime.UtcNow.AddMinutes(55), DateTime.UtcNow.AddMinutes(65));
        receiver.Secret = fourth;
        await Factory.ExecuteAsync("UPDATE webhook_subscriptions SET previous_secret_until = now() - interval '1 second' WHERE id = $1", webhook);
        var ended = await NextDeliveryAsync(receiver);
        Assert.Single(ended.Signature.Split(' '));
        Assert.True(ended.VerifiesWith(fourth));
        Assert.False(ended.VerifiesWith(third));
        Assert.Empty(receiver.Rejected);
    }

    [Theory]
    [InlineData("{\"keepPreviousMinutes\":-1}")]
    [InlineData("{\"keepPreviousMinutes\":10081}")]
    [InlineData("{\"keepPreviousMinutes\":2147483647}")]
    [InlineData("{\"keepPreviousMinutes\":2147483648}")]
    [InlineData("{\"keepPreviousMinutes\":1.5}")]
    [InlineData("{\"keepPreviousMinutes\":\"60\"}")]
    [InlineData("[]")]
    public async Task A_bad_overlap_is_a_400_and_the_secret_stays(string json)
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var webhook = await SubscribeAsync(receiver);
        var before = await StoredSecretAsync(webhook);

        var response = await Client.PostAsync(
            $"{Hooks}/{webhook}/secret", new StringContent(json, System.Text.Encoding.UTF8, "application/json"));

        var problem = await ProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Contains(problem.GetProperty("code").GetString(), new[] { "validation_failed", "bad_request" });
        Assert.Equal(before, await StoredSecretAsync(webhook));
    }

    [Fact]
    public async Task An_unknown_subscription_is_a_404_and_only_admins_and_webhook_managers_rotate()
    {
        await ProblemAsync(await RotateAsync(Guid.NewGuid(), body: null), HttpStatusCode.NotFound, "webhook_not_found");

        await using var receiver = await WebhookReceiver.StartAsync();
        var webhook = await SubscribeAsync(receiver);
        var before = await StoredSecretAsync(webhook);
        using var customer = Factory.NewClient(Factory.Tokens.Customer("cust-rotate"));
        using var specialist = Factory.NewClient(Factory.Tokens.Specialist(NewSpecialist()));
        using var reader = Factory.NewClient(Factory.Tokens.Service("events:read"));
        using var manager = Factory.NewClient(Factory.Tokens.Service("webhooks:manage"));
        using var anonymous = Factory.NewClient(null);

        await ProblemAsync(await anonymous.PostAsync($"{Hooks}/{webhook}/secret", null), HttpStatusCode.Unauthorized);
        await ProblemAsync(await customer.PostAsync($"{Hooks}/{webhook}/secret", null), HttpStatusCode.Forbidden, "role_not_allowed");
        await ProblemAsync(await specialist.PostAsync($"{Hooks}/{webhook}/secret", null), HttpStatusCode.Forbidden, "role_not_allowed");
        await ProblemAsync(await reader.PostAsync($"{Hooks}/{webhook}/secret", null), HttpStatusCode.Forbidden, "scope_missing");
        Assert.Equal(before, await StoredSecretAsync(webhook));
        Assert.Equal(HttpStatusCode.OK, (await manager.PostAsync($"{Hooks}/{webhook}/secret", null)).StatusCode);
        Assert.NotEqual(before, await StoredSecretAsync(webhook));
    }

    [Theory]
    [InlineData("")]
    [InlineData("/nowhere/key-ring.pfx")]
    public async Task Production_refuses_to_start_without_a_readable_certificate(string file)
    {
        await using var api = Factory.WithWebHostBuilder(b => b.UseSetting("Slots:DataProtection:CertificateFile", file));

        var refused = Assert.Throws<InvalidOperationException>(() => api.CreateClient());

        Assert.Contains("Slots:DataProtection:CertificateFile", refused.Message, StringComparison.Ordinal);
    }

    private Task<HttpResponseMessage> RotateAsync(Guid webhook, object? body) =>
        body is null ? Client.PostAsync($"{Hooks}/{webhook}/secret", null) : Client.PostAsJsonAsync($"{Hooks}/{webhook}/secret", body);

    private async Task<System.Text.Json.JsonElement> RotatedAsync(Guid webhook, object? body)
    {
        var response = await RotateAsync(webhook, body);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await BodyAsync(response);
    }

    /// <summary>The delivery of a slot made now: the next request the receiver gets.</summary>
    private async Task<WebhookReceiver.Received> NextDeliveryAsync(WebhookReceiver receiver)
    {
        var slot = Id(await CreateSlotAsync(NewSpecialist()));
        return Assert.Single(OfSlot(await receiver.WaitForAsync(r => OfSlot(r, slot).Count == 1, Patience, "the slot's creation"), slot));
    }

    private Task<string> StoredSecretAsync(Guid webhook) =>
        Factory.ScalarAsync<string>("SELECT secret FROM webhook_subscriptions WHERE id = $1", webhook);

    private async Task<List<string>> KeyRingAsync()
    {
        await using var db = Factory.NewDbContext();
        return [.. db.DataProtectionKeys.Select(k => k.Xml!)];
    }

    /// <summary>The services of another API process on this database, its key ring encrypted with the certificate in <paramref name="certificateFile"/>.</summary>
    private ServiceProvider OtherProcess(string certificateFile)
    {
        var services = new ServiceCollection().AddLogging().AddSingleton(TimeProvider.System);
        services.AddInfrastructure(
            Factory.ConnectionString, new WebhookOptions { DispatcherEnabled = false },
            System.Security.Cryptography.X509Certificates.X509CertificateLoader.LoadPkcs12FromFile(certificateFile, null));
        return services.BuildServiceProvider();
    }
}
