using System.Net;
using Slots.Infrastructure.Webhooks;

namespace Slots.Api.IntegrationTests;

/// <summary>The retry schedule and the address rules, on their own.</summary>
public class WebhookPolicyTests
{
    [Fact]
    public void Retries_double_from_the_first_delay_up_to_the_cap_each_jittered_into_its_upper_half()
    {
        var options = new WebhookOptions { FirstRetryDelay = TimeSpan.FromSeconds(5), MaxRetryDelay = TimeSpan.FromHours(1) };

        Assert.Equal(TimeSpan.FromSeconds(5), options.RetryDelay(1, 1.0));
        Assert.Equal(TimeSpan.FromSeconds(2.5), options.RetryDelay(1, 0.0));
        Assert.Equal(TimeSpan.FromSeconds(40), options.RetryDelay(4, 1.0));
        Assert.Equal(TimeSpan.FromHours(1), options.RetryDelay(11, 1.0));
        Assert.Equal(TimeSpan.FromHours(1), options.RetryDelay(int.MaxValue, 1.0));
        // 24 hours of retries at the defaults, at the mean jitter: about an hour doubling up to the cap, then every 45 minutes.
        var attempts = 0;
        for (var waited = TimeSpan.Zero; waited < options.GiveUpAfter; attempts++)
        {
            waited += options.RetryDelay(attempts + 1, 0.5);
        }

        Assert.InRange(attempts, 38, 44);
    }

    [Theory]
    [InlineData("10.1.2.3", false, null)]
    [InlineData("192.168.0.10", false, null)]
    [InlineData("93.184.216.34", false, null)]
    [InlineData("2001:db8::1", false, null)]
    [InlineData("127.0.0.1", false, "loopback")]
    [InlineData("127.0.0.1", true, null)]
    [InlineData("::1", false, "loopback")]
    [InlineData("169.254.169.254", true, "metadata")]
    [InlineData("::ffff:169.254.169.254", true, "metadata")]
    [InlineData("169.254.0.1", true, "link-local")]
    [InlineData("fe80::1", true, "link-local")]
    [InlineData("fd00:ec2::254", true, "metadata")]
    [InlineData("0.0.0.0", true, "not a host")]
    [InlineData("239.1.1.1", true, "unicast")]
    [InlineData("ff02::1", true, "unicast")]
    [InlineData("64:ff9b::a9fe:a9fe", true, "carries 169.254.169.254")]
    [InlineData("64:ff9b::7f00:1", false, "carries 127.0.0.1")]
    [InlineData("64:ff9b::5db8:d822", false, null)]
    [InlineData("2002:a9fe:a9fe::1", true, "carries 169.254.169.254")]
    [InlineData("::169.254.169.254", true, "carries 169.254.169.254")]
    [InlineData("::ffff:0:169.254.169.254", true, "carries 169.254.169.254")]
    [InlineData("192.0.0.192", true, "192.0.0.0/24")]
    [InlineData("168.63.129.16", true, "metadata")]
    [InlineData("fd12:3456::1", false, "unique local")]
    [InlineData("fd12:3456::1", true, null)]
    public void Addresses_are_allowed_or_refused_by_kind(string address, bool insecure, string? refusal)
    {
        var targets = new WebhookTargets(new WebhookOptions { AllowInsecureTargets = insecure }, (_, _) => Task.FromResult<IPAddress[]>([]));

        var said = targets.AddressRefusal(IPAddress.Parse(address));

        if (refusal is null)
        {
            Assert.Null(said);
        }
        else
        {
            Assert.Contains(refusal, said, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("https://10.0.0.5/hooks", false, null)]
    [InlineData("http://10.0.0.5/hooks", false, "https")]
    [InlineData("http://10.0.0.5/hooks", true, null)]
    [InlineData("https://[::1]:8443/hooks", false, "loopback")]
    public async Task Urls_are_checked_by_scheme_and_address(string url, bool insecure, string? refusal)
    {
        var targets = new WebhookTargets(new WebhookOptions { AllowInsecureTargets = insecure }, (_, _) => Task.FromResult<IPAddress[]>([]));

        var said = await targets.RefusalAsync(new Uri(url), default);

        if (refusal is null)
        {
            Assert.Null(said);
        }
        else
        {
            Assert.Contains(refusal, said, StringComparison.Ordinal);
        }
    }
}
