using System.Net;

namespace Slots.Infrastructure.Webhooks;

/// <summary>Resolves a host name to its addresses (DNS; tests put their own in).</summary>
public delegate Task<IPAddress[]> HostResolver(string host, CancellationToken cancellationToken);
