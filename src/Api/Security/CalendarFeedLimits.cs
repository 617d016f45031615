using System.Threading.RateLimiting;
using Slots.Application.Calendars;

namespace Slots.Api.Security;

/// <summary>
/// A feed's own budget, whoever asks (<c>Slots:RateLimits:CalendarFeedReadsPerMinute</c>, 30): a leaked URL polled from
/// many addresses is still bounded. The per-address budget is the <see cref="RateLimits.CalendarFeeds"/> policy's.
/// </summary>
public sealed class CalendarFeedLimits : IDisposable
{
    private readonly int _perMinute;
    private readonly PartitionedRateLimiter<string> _perToken;

    public CalendarFeedLimits(IConfiguration configuration)
    {
        _perMinute = Math.Max(1, configuration.GetValue("Slots:RateLimits:CalendarFeedReadsPerMinute", 30));
        _perToken = PartitionedRateLimiter.Create<string, string>(token => RateLimitPartition.GetTokenBucketLimiter(token, _ => RateLimits.Bucket(_perMinute)));
    }

    public void Dispose() => _perToken.Dispose();

    /// <summary>Spends one of the token's reads; 429 when they are gone. Malformed tokens share one bucket (they open nothing).</summary>
    public sealed class Filter(CalendarFeedLimits limits) : IEndpointFilter
    {
        public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
        {
            ArgumentNullException.ThrowIfNull(context);
            ArgumentNullException.ThrowIfNull(next);
            var token = context.HttpContext.GetRouteValue("token") as string;
            var bucket = CalendarFeedToken.IsWellFormed(token) ? token! : "malformed";
            using var lease = limits._perToken.AttemptAcquire(bucket);
            RateLimitHeaders.Add(context.HttpContext, "calendar-feed", limits._perMinute, limits._perToken.GetStatistics(bucket)?.CurrentAvailablePermits ?? 0);
            if (!lease.IsAcquired)
            {
                var retryAfter = lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : (TimeSpan?)null;
                throw new TooManyRequestsException("Too many reads of this calendar feed: wait a little.", retryAfter);
            }

            return await next(context);
        }
    }
}
