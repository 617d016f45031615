using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Slots.Application.Common.Security;

namespace Slots.Api.Security;

/// <summary>
/// Token buckets for everything a caller could flood. Every write is limited per user: bookings, slot creations,
/// changes to a slot (times, status, deletion) and cancellations. The anonymous available view is limited per
/// client address (the proxy's <c>X-Forwarded-For</c> only from a configured trusted proxy, see
/// <see cref="ForwardedHeaders"/>; an IPv6 client by its /64, see <see cref="Network"/>); a signed-in caller reading it counts
/// as themselves. The health checks and the API's document are limited the same way. A bucket holds
/// <c>PerMinute</c> tokens and gets one back every <c>60 / PerMinute</c> seconds, so a caller may burst that many
/// and then keeps that pace. Admins are not limited here; an internal service (role service) has a budget of its own in
/// every policy (<c>ServiceRequestsPerMinute</c>, 600). A rejection becomes
/// <see cref="TooManyRequestsException"/>, which the one exception handler answers as 429.
/// </summary>
public static class RateLimits
{
    public const string Bookings = "bookings";
    public const string SlotCreations = "slot-creations";
    public const string SlotChanges = "slot-changes";
    public const string Cancellations = "cancellations";
    public const string AvailableReads = "available-reads";
    public const string PublicDocuments = "public-documents";
    public const string ServiceCalls = "service-calls";
    public const string CalendarFeeds = "calendar-feeds";

    private static readonly (string Policy, string Setting, int Default, string What)[] Policies =
    [
        (Bookings, "BookingsPerMinute", 10, "bookings"),
        (SlotCreations, "SlotCreationsPerMinute", 30, "new slots"),
        (SlotChanges, "SlotChangesPerMinute", 60, "changes to slots"),
        (Cancellations, "CancellationsPerMinute", 20, "cancellations"),
        (AvailableReads, "AvailableReadsPerMinute", 120, "reads of available slots"),
        (PublicDocuments, "PublicDocumentsPerMinute", 600, "reads of the health checks and the API's document"),
        (ServiceCalls, "ServiceCallsPerMinute", 600, "calls to the feed and the webhooks"),
        (CalendarFeeds, "CalendarFeedsPerMinute", 120, "reads of calendar feeds"),
    ];

    public static IServiceCollection AddSlotsRateLimits(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<BulkWriteBudget.Buckets>();
        services.AddScoped<IBulkWriteBudget, BulkWriteBudget>();
        services.AddSingleton<CalendarFeedLimits>();
        var section = configuration.GetSection("Slots:RateLimits");
        var limits = Policies.ToDictionary(p => p.Policy, p => (PerMinute: section.GetValue(p.Setting, p.Default), p.What));
        // An internal service (role service) is limited too, unlike an admin, with a budget of its own in every policy.
        var perService = section.GetValue("ServiceRequestsPerMinute", 600);
        services.AddRateLimiter(options =>
        {
            foreach (var (policy, (perMinute, _)) in limits)
            {
                options.AddPolicy(policy, context => PerCaller(context, policy, perMinute, perService));
            }

            options.OnRejected = (context, _) =>
            {
                var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : (TimeSpan?)null;
                var policy = context.HttpContext.GetEndpoint()?.Metadata.GetMetadata<EnableRateLimitingAttribute>()?.PolicyName;
                var (perMinute, what) = limits[policy ?? Bookings];
                var service = context.HttpContext.RequestServices.GetRequiredService<ICurrentUser>().Actor?.Has(Role.Service) == true;
                var who = service ? "per service" : policy is AvailableReads or PublicDocuments or CalendarFeeds ? "per client" : "per user";
                throw new TooManyRequestsException($"Too many requests: at most {(service ? perService : perMinute)} {what} a minute {who}.", retryAfter);
            };
        });
        return services;
    }

    /// <summary>
    /// The anonymous caller's bucket: an IPv4 address as it is, an IPv6 address by its /64 (one subscriber's network; a
    /// host can take any of its 2^64 addresses, so a bucket per address would be no limit at all).
    /// </summary>
    public static string Network(System.Net.IPAddress? address)
    {
        if (address is null)
        {
            return "unknown";
        }

        if (address.IsIPv4MappedToIPv6)
        {
            return address.MapToIPv4().ToString();
        }

        if (address.AddressFamily != System.Net.Sockets.AddressFamily.InterNetworkV6)
        {
            return address.ToString();
        }

        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return $"{new System.Net.IPAddress(bytes)}/64";
    }

    private static RateLimitPartition<string> PerCaller(HttpContext context, string policy, int perMinute, int perService)
    {
        var actor = context.RequestServices.GetRequiredService<ICurrentUser>().Actor;
        if (actor?.IsAdmin == true)
        {
            return RateLimitPartition.GetNoLimiter("admin");
        }

        if (actor?.Has(Role.Service) == true)
        {
            perMinute = perService;
        }

        // Writes require sign-in, which runs first; an anonymous caller is their address (after UseForwardedHeaders,
        // the client's behind a trusted proxy, never a header an untrusted client sent).
        var caller = actor is not null
            ? $"user:{actor.Issuer}:{actor.Subject}"
            : $"address:{Network(context.Connection.RemoteIpAddress)}";
        return RateLimitPartition.GetTokenBucketLimiter($"{policy}:{caller}", _ => new TokenBucketRateLimiterOptions
        {
            TokenLimit = perMinute,
            TokensPerPeriod = 1,
            ReplenishmentPeriod = TimeSpan.FromSeconds(60.0 / perMinute),
            QueueLimit = 0,
            AutoReplenishment = true,
        });
    }
}
