using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Slots.Application.Common.Security;

namespace Slots.Api.Security;

/// <summary>
/// Token buckets for everything a caller could flood. Every write is limited per user: bookings, slot creations,
/// changes to a slot (times, status, deletion) and cancellations. The anonymous available view is limited per
/// client address (the proxy's <c>X-Forwarded-For</c> only from a configured trusted proxy, see
/// <see cref="ForwardedHeaders"/>); a signed-in caller reading it counts as themselves. A bucket holds
/// <c>PerMinute</c> tokens and gets one back every <c>60 / PerMinute</c> seconds, so a caller may burst that many
/// and then keeps that pace. Admins (internal services) are not limited here. A rejection becomes
/// <see cref="TooManyRequestsException"/>, which the one exception handler answers as 429.
/// </summary>
public static class RateLimits
{
    public const string Bookings = "bookings";
    public const string SlotCreations = "slot-creations";
    public const string SlotChanges = "slot-changes";
    public const string Cancellations = "cancellations";
    public const string AvailableReads = "available-reads";

    private static readonly (string Policy, string Setting, int Default, string What)[] Policies =
    [
        (Bookings, "BookingsPerMinute", 10, "bookings"),
        (SlotCreations, "SlotCreationsPerMinute", 30, "new slots"),
        (SlotChanges, "SlotChangesPerMinute", 60, "changes to slots"),
        (Cancellations, "CancellationsPerMinute", 20, "cancellations"),
        (AvailableReads, "AvailableReadsPerMinute", 120, "reads of available slots"),
    ];

    public static IServiceCollection AddSlotsRateLimits(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<BulkWriteBudget.Buckets>();
        services.AddScoped<IBulkWriteBudget, BulkWriteBudget>();
        var section = configuration.GetSection("Slots:RateLimits");
        var limits = Policies.ToDictionary(p => p.Policy, p => (PerMinute: section.GetValue(p.Setting, p.Default), p.What));
        services.AddRateLimiter(options =>
        {
            foreach (var (policy, (perMinute, _)) in limits)
            {
                options.AddPolicy(policy, context => PerCaller(context, policy, perMinute));
            }

            options.OnRejected = (context, _) =>
            {
                var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : (TimeSpan?)null;
                var policy = context.HttpContext.GetEndpoint()?.Metadata.GetMetadata<EnableRateLimitingAttribute>()?.PolicyName;
                var (perMinute, what) = limits[policy ?? Bookings];
                var who = policy == AvailableReads ? "per client" : "per user";
                throw new TooManyRequestsException($"Too many requests: at most {perMinute} {what} a minute {who}.", retryAfter);
            };
        });
        return services;
    }

    private static RateLimitPartition<string> PerCaller(HttpContext context, string policy, int perMinute)
    {
        var actor = context.RequestServices.GetRequiredService<ICurrentUser>().Actor;
        if (actor?.IsAdmin == true)
        {
            return RateLimitPartition.GetNoLimiter("admin");
        }

        // Writes require sign-in, which runs first; an anonymous caller is their address (after UseForwardedHeaders,
        // the client's behind a trusted proxy, never a header an untrusted client sent).
        var caller = actor is not null
            ? $"user:{actor.Issuer}:{actor.Subject}"
            : $"address:{context.Connection.RemoteIpAddress?.ToString() ?? "unknown"}";
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
