using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Transport.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Slots.Api.IntegrationTests.Infrastructure;

namespace Slots.Api.IntegrationTests;

/// <summary>
/// Kestrel runs a request's code on the thread that read it (<c>Slots:InlineScheduling</c>, on unless set to false): every
/// other test here runs that way, on real sockets; these say the setting is what the process was given.
/// </summary>
[Collection(ApiCollection.Name)]
public class KestrelTests(SlotsApiFactory factory) : ApiTestBase(factory)
{
    [Fact]
    public void A_requests_code_runs_on_the_thread_that_read_it_unless_configured_otherwise()
    {
        Assert.True(Factory.Services.GetRequiredService<IOptions<SocketTransportOptions>>().Value.UnsafePreferInlineScheduling);
    }

    [Fact]
    public async Task With_inline_scheduling_off_requests_are_queued_to_the_pool_and_still_served()
    {
        await using var api = Factory.WithWebHostBuilder(b => b.UseSetting("Slots:InlineScheduling", "false"));
        using var anonymous = SlotsApiFactory.ClientOf(api);

        Assert.False(api.Services.GetRequiredService<IOptions<SocketTransportOptions>>().Value.UnsafePreferInlineScheduling);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/health/ready")).StatusCode);
    }
}
