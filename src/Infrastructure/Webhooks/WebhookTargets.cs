using System.Net;
using System.Net.Sockets;
using Slots.Application.Webhooks;

namespace Slots.Infrastructure.Webhooks;

/// <summary>
/// Which targets a webhook may call. Always refused: link-local addresses (cloud metadata services live there), known
/// metadata addresses, 192.0.0.0/24, unspecified, multicast and broadcast ones, and IPv6 addresses that carry a refused
/// IPv4 one. Loopback, unique local IPv6 and plain <c>http</c> only with <see cref="WebhookOptions.AllowInsecureTargets"/>.
/// Private IPv4 networks are allowed: the subscribers are internal services.
/// The dispatcher checks again on every connection (<see cref="ConnectAsync"/>), on the addresses the name resolves to then.
/// </summary>
internal sealed class WebhookTargets(WebhookOptions options, HostResolver resolve) : IWebhookTargets
{
    private static readonly IPAddress[] MetadataAddresses =
    [
        IPAddress.Parse("169.254.169.254"), IPAddress.Parse("100.100.100.200"), IPAddress.Parse("fd00:ec2::254"),
        IPAddress.Parse("168.63.129.16"), // Azure's wire server
    ];

    public async Task<string?> RefusalAsync(Uri url, CancellationToken cancellationToken)
    {
        if (SchemeRefusal(url) is { } scheme)
        {
            return scheme;
        }

        IPAddress[] addresses;
        try
        {
            addresses = await AddressesAsync(url.IdnHost, cancellationToken);
        }
        catch (SocketException e)
        {
            return $"The host '{url.Host}' does not resolve ({e.SocketErrorCode}).";
        }

        return addresses.Length == 0
            ? $"The host '{url.Host}' does not resolve."
            : addresses.Select(AddressRefusal).FirstOrDefault(r => r is not null);
    }

    private string? SchemeRefusal(Uri url) =>
        url.Scheme == Uri.UriSchemeHttps || (url.Scheme == Uri.UriSchemeHttp && options.AllowInsecureTargets)
            ? null
            : "Webhook targets must use https.";

    /// <summary>Why an address may not be called, or null.</summary>
    public string? AddressRefusal(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        // An IPv4 address carried inside an IPv6 one (NAT64, 6to4, IPv4-compatible, SIIT) is judged as the IPv4 one:
        // "64:ff9b::a9fe:a9fe" reaches 169.254.169.254 through a NAT64 gateway.
        if (EmbeddedIPv4(address) is { } embedded && AddressRefusal(embedded) is { } carried)
        {
            return $"{address} carries {embedded}: {carried}";
        }

        if (MetadataAddresses.Contains(address))
        {
            return $"{address} is a cloud metadata address.";
        }

        if (address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any) || address.Equals(IPAddress.Broadcast))
        {
            return $"{address} is not a host's address.";
        }

        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            var b = address.GetAddressBytes();
            if (b[0] == 169 && b[1] == 254)
            {
                return $"{address} is link-local.";
            }

            if (b[0] == 0 || b[0] >= 224)
            {
                return $"{address} is not a unicast address.";
            }

            if (b[0] == 192 && b[1] == 0 && b[2] == 0)
            {
                return $"{address} is in 192.0.0.0/24, the protocols' own (some clouds' metadata lives there).";
            }
        }
        else if (address.IsIPv6LinkLocal || address.IsIPv6SiteLocal)
        {
            return $"{address} is link-local.";
        }
        else if (address.IsIPv6UniqueLocal && !options.AllowInsecureTargets)
        {
            return $"{address} is a unique local address (fc00::/7).";
        }
        else if (address.IsIPv6Multicast)
        {
            return $"{address} is not a unicast address.";
        }

        return IPAddress.IsLoopback(address) && !options.AllowInsecureTargets
            ? $"{address} is a loopback address."
            : null;
    }

    /// <summary>The IPv4 address an IPv6 one carries, if any: NAT64 (64:ff9b::/96), 6to4 (2002::/16), IPv4-compatible (::/96), SIIT (::ffff:0:0/96).</summary>
    internal static IPAddress? EmbeddedIPv4(IPAddress address)
    {
        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return null;
        }

        var b = address.GetAddressBytes();
        bool Zero(int from, int to) => b[from..to].All(x => x == 0);
        if (b[0] == 0x00 && b[1] == 0x64 && b[2] == 0xff && b[3] == 0x9b && Zero(4, 12))
        {
            return new IPAddress(b[12..16]);
        }

        if (b[0] == 0x20 && b[1] == 0x02)
        {
            return new IPAddress(b[2..6]);
        }

        if (Zero(0, 12) && !Zero(12, 14))
        {
            return new IPAddress(b[12..16]); // ::a.b.c.d (but not :: or ::1)
        }

        return Zero(0, 8) && b[8] == 0xff && b[9] == 0xff && b[10] == 0 && b[11] == 0 ? new IPAddress(b[12..16]) : null;
    }

    /// <summary>
    /// Connects to the first allowed address <paramref name="host"/> resolves to now, never to a refused one: a name that
    /// pointed elsewhere at registration is caught here (DNS rebinding).
    /// </summary>
    public async ValueTask<Stream> ConnectAsync(DnsEndPoint endpoint, CancellationToken cancellationToken)
    {
        var addresses = await AddressesAsync(endpoint.Host, cancellationToken);
        var refusals = addresses.Select(a => (Address: a, Refusal: AddressRefusal(a))).ToList();
        var allowed = refusals.Where(r => r.Refusal is null).Select(r => r.Address).ToArray();
        if (allowed.Length == 0)
        {
            throw new WebhookTargetRefusedException(
                refusals.Count == 0 ? $"The host '{endpoint.Host}' does not resolve." : refusals[0].Refusal!);
        }

        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(allowed, endpoint.Port, cancellationToken);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    private async Task<IPAddress[]> AddressesAsync(string host, CancellationToken cancellationToken) =>
        IPAddress.TryParse(host.Trim('[', ']'), out var literal) ? [literal] : await resolve(host, cancellationToken);
}
