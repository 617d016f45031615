using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Slots.Application.Common.Security;

namespace Slots.Api.Security;

/// <summary>
/// Per-user token buckets for the two writes a user could flood: booking and creating slots. A bucket
/// holds <c>PerMinute</c> tokens and gets one back every <c>60 / PerMinute</c> seconds, so a user may
/// burst that many and then keeps that pace. Admins (internal services) are not limited here.
/// A rejection becomes <see cref="TooManyRequestsException"/>, which the one exception handler answers as 429.
/// </summary>
public static class RateLimits
{
    public const string Bookings = "bookings";
    public const string SlotCreations = "slot-creations";

    public static IServiceCollection AddSlotsRateLimits(this IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection("Slots:RateLimits");
        var bookings = section.GetValue("BookingsPerMinute", 10);
        var creations = section.GetValue("SlotCreationsPerMinute", 30);
        services.AddRateLimiter(options =>
        {
            options.AddPolicy(Bookings, context => PerUser(context, Bookings, bookings));
            options.AddPolicy(SlotCreations, context => PerUser(context, SlotCreations, creations));
            options.OnRejected = (context, _) =>
            {
                var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : (TimeSpan?)null;
                var what = context.HttpContext.GetEndpoint()?.Metadata.GetMetadata<EnableRateLimitingAttribute>()?.PolicyName == Bookings
                    ? $"at most {bookings} bookings"
                    : $"at most {creations} new slots";
                throw new TooManyRequestsException($"Too many requests: {what} a minute per user.", retryAfter);
            };
        });
        return services;
    }

    private static RateLimitPartition<string> PerUser(HttpContext context, string policy, int perMinute)
    {
        var actor = context.RequestServices.GetRequiredService<ICurrentUser>().Actor;
        if (actor?.IsAdmin == true)
        {
            return RateLimitPartition.GetNoLimiter("admin");
        }

        // Endpoints under a limit require sign-in, which runs first; the address is a fallback only.
        var user = actor?.Subject ?? context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        return RateLimitPartition.GetTokenBucketLimiter($"{policy}:{user}", _ => new TokenBucketRateLimiterOptions
        {
            TokenLimit = perMinute,
            TokensPerPeriod = 1,
            ReplenishmentPeriod = TimeSpan.FromSeconds(60.0 / perMinute),
            QueueLimit = 0,
            AutoReplenishment = true,
        });
    }
}
