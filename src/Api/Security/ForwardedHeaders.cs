using System.Net;

namespace Slots.Api.Security;

/// <summary>
/// Who the client is behind a reverse proxy: <c>X-Forwarded-For</c> is read only from the proxies named in
/// <c>Slots:TrustedProxies</c> (addresses); without any, the header is ignored and the connection's address is the
/// client's, so a client cannot choose its own rate-limit bucket by sending the header itself. (The framework's
/// middleware trusts every sender when its lists are empty, so without a trusted proxy it is not used at all; and
/// its default trust of loopback is dropped.)
/// </summary>
public static class ForwardedHeaders
{
    public static IServiceCollection AddSlotsForwardedHeaders(this IServiceCollection services, IConfiguration configuration)
    {
        var trusted = configuration.GetSection("Slots:TrustedProxies").Get<string[]>() ?? [];
        services.Configure<ForwardedHeadersOptions>(options =>
        {
            options.ForwardedHeaders = Microsoft.AspNetCore.HttpOverrides.ForwardedHeaders.XForwardedFor;
            options.ForwardLimit = 1;
            options.KnownProxies.Clear();
            options.KnownIPNetworks.Clear();
            foreach (var proxy in trusted)
            {
                options.KnownProxies.Add(IPAddress.TryParse(proxy, out var address)
                    ? address
                    : throw new InvalidOperationException($"Slots:TrustedProxies: '{proxy}' is not an IP address."));
            }
        });
        return services;
    }

    public static WebApplication UseSlotsForwardedHeaders(this WebApplication app)
    {
        if (app.Configuration.GetSection("Slots:TrustedProxies").Get<string[]>() is { Length: > 0 })
        {
            app.UseForwardedHeaders();
        }

        return app;
    }
}
