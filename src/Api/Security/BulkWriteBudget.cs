using System.Threading.RateLimiting;
using Slots.Application.Common.Security;

namespace Slots.Api.Security;

/// <summary>
/// <see cref="IBulkWriteBudget"/> as a token bucket per user, in this process (like the per-request limits, see
/// <see cref="RateLimits"/>): <c>Slots:RateLimits:BulkSlotsPerHour</c> tokens (2,000 unless configured), refilled at that
/// pace. An operation larger than the whole bucket takes all of it. The answer says what is left, as every limited answer
/// does (<see cref="RateLimitHeaders"/>: <c>"bulk-slots";q=2000;w=3600</c>).
/// </summary>
public sealed class BulkWriteBudget(ICurrentUser user, BulkWriteBudget.Buckets buckets, IHttpContextAccessor http) : IBulkWriteBudget
{
    public const string Policy = "bulk-slots";

    public void Spend(int slots)
    {
        if (slots <= 0 || user.Actor is not { IsAdmin: false } actor)
        {
            return;
        }

        var caller = $"{actor.Issuer}:{actor.Subject}";
        using var lease = buckets.Limiter.AttemptAcquire(caller, Math.Min(slots, buckets.PerHour));
        if (http.HttpContext is { } context)
        {
            RateLimitHeaders.Add(context, Policy, buckets.PerHour, buckets.Limiter.GetStatistics(caller)?.CurrentAvailablePermits ?? 0, windowSeconds: 3600);
        }

        if (!lease.IsAcquired)
        {
            var retryAfter = lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : (TimeSpan?)null;
            throw new TooManyRequestsException(
                $"Too many slots written in bulk: at most {buckets.PerHour} an hour per user, and this request writes {slots}.", retryAfter);
        }
    }

    /// <summary>The buckets, one per user, for the life of the process.</summary>
    public sealed class Buckets : IDisposable
    {
        public Buckets(IConfiguration configuration)
        {
            PerHour = Math.Max(1, configuration.GetValue("Slots:RateLimits:BulkSlotsPerHour", 2000));
            Limiter = PartitionedRateLimiter.Create<string, string>(caller => RateLimitPartition.GetTokenBucketLimiter(caller, _ =>
                new TokenBucketRateLimiterOptions
                {
                    TokenLimit = PerHour,
                    TokensPerPeriod = 1,
                    ReplenishmentPeriod = TimeSpan.FromHours(1.0 / PerHour),
                    QueueLimit = 0,
                    AutoReplenishment = true,
                }));
        }

        public int PerHour { get; }

        public PartitionedRateLimiter<string> Limiter { get; }

        public void Dispose() => Limiter.Dispose();
    }
}
