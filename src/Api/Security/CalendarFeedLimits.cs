using System.Threading.RateLimiting;
using Slots.Application.Calendars;

namespace Slots.Api.Security;

/// <summary>
/// A feed's own budget, whoever asks (<c>Slots:RateLimits:CalendarFeedReadsPerMinute</c>, 30): a leaked URL polled from
/// many addresses is still bounded. The per-address budget is the <see cref="RateLimits.CalendarFeeds"/> policy's.
/// </summary>
public sealed class CalendarFeedLimits(IConfiguration configuration) : IDisposable
{
    private readonly PartitionedRateLimiter<string> _perToken = PartitionedRateLimiter.Create<string, string>(token =>
    {
        var perMinute = configuration.GetValue("Slots:RateLimits:CalendarFeedReadsPerMinute", 30);
        return RateLimitPartition.GetTokenBucketLimiter(token, _ => new TokenBucketRateLimiterOptions
        {
            TokenLimit = perMinute,
            TokensPerPeriod = 1,
            ReplenishmentPeriod = TimeSpan.FromSeconds(60.0 / perMinute),
            QueueLimit = 0,
            AutoReplenishment = true,
        });
    });

    public void Dispose() => _perToken.Dispose();

    /// <summary>Spends one of the token's reads; 429 when they are gone. Malformed tokens share one bucket (they open nothing).</summary>
    public sealed class Filter(CalendarFeedLimits limits) : IEndpointFilter
    {
        public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
        {
            ArgumentNullException.ThrowIfNull(context);
            ArgumentNullException.ThrowIfNull(next);
            var token = context.HttpContext.GetRouteValue("token") as string;
            using var lease = limits._perToken.AttemptAcquire(CalendarFeedToken.IsWellFormed(token) ? token! : "malformed");
            if (!lease.IsAcquired)
            {
                var retryAfter = lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : (TimeSpan?)null;
                throw new TooManyRequestsException("Too many reads of this calendar feed: wait a little.", retryAfter);
            }

            return await next(context);
        }
    }
}
