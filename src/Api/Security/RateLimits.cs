using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Slots.Application.Common.Security;

namespace Slots.Api.Security;

/// <summary>
/// Token buckets for everything a caller could flood, and the budget left in each answer's <c>RateLimit</c> headers
/// (<see cref="RateLimitHeaders"/>). An endpoint names its policy with <c>RequireRateLimiting</c>; one that names none
/// counts against <see cref="Requests"/>, so every route has a budget. Every write is limited per user: bookings, slot
/// creations, changes to a slot (times, status, deletion) and cancellations. The anonymous view is limited per client
/// address (the proxy's <c>X-Forwarded-For</c> only from a configured trusted proxy, see <see cref="ForwardedHeaders"/>;
/// an IPv6 client by its /64, see <see cref="Network"/>); a signed-in caller counts as themselves. A bucket holds
/// <c>PerMinute</c> tokens and gets one back every <c>60 / PerMinute</c> seconds, so a caller may burst that many and
/// then keeps that pace. Admins are not limited; an internal service (role service) has a budget of its own in every
/// policy (<c>ServiceRequestsPerMinute</c>, 600). A rejection becomes <see cref="TooManyRequestsException"/>, which the
/// one exception handler answers as 429.
/// </summary>
/// <remarks>
/// Not ASP.NET's rate-limiting middleware: it keeps its partitions to itself, so an answer could not say what is left
/// of the caller's bucket. The buckets are still System.Threading.RateLimiting's, one partitioned limiter for all.
/// </remarks>
public sealed class RateLimits : IMiddleware, IDisposable
{
    public const string Bookings = "bookings";
    public const string SlotCreations = "slot-creations";
    public const string SlotChanges = "slot-changes";
    public const string Cancellations = "cancellations";
    public const string AvailableReads = "available-reads";
    public const string PublicDocuments = "public-documents";
    public const string ServiceCalls = "service-calls";
    public const string CalendarFeeds = "calendar-feeds";
    public const string Requests = "requests";

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
        (Requests, "RequestsPerMinute", 600, "requests"),
    ];

    private readonly Dictionary<string, (int PerMinute, string What)> _limits;
    private readonly int _perService;
    private readonly PartitionedRateLimiter<HttpContext> _buckets;

    public RateLimits(IConfiguration configuration)
    {
        var section = configuration.GetSection("Slots:RateLimits");
        _limits = Policies.ToDictionary(p => p.Policy, p => (Math.Max(1, section.GetValue(p.Setting, p.Default)), p.What));
        _perService = Math.Max(1, section.GetValue("ServiceRequestsPerMinute", 600));
        _buckets = PartitionedRateLimiter.Create<HttpContext, string>(context =>
        {
            var budget = (Budget)context.Items[typeof(Budget)]!;
            return RateLimitPartition.GetTokenBucketLimiter(budget.Bucket, _ => Bucket(budget.PerMinute));
        });
    }

    /// <summary>A token bucket of <paramref name="perMinute"/> tokens, one back every <c>60 / perMinute</c> seconds.</summary>
    public static TokenBucketRateLimiterOptions Bucket(int perMinute) => new()
    {
        TokenLimit = perMinute,
        TokensPerPeriod = 1,
        ReplenishmentPeriod = TimeSpan.FromSeconds(60.0 / perMinute),
        QueueLimit = 0,
        AutoReplenishment = true,
    };

    public async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        var budget = BudgetOf(context);
        if (budget is null)
        {
            await next(context);
            return;
        }

        context.Items[typeof(Budget)] = budget;
        using (var lease = _buckets.AttemptAcquire(context))
        {
            RateLimitHeaders.Add(context, budget.Policy, budget.PerMinute, _buckets.GetStatistics(context)?.CurrentAvailablePermits ?? 0);
            if (!lease.IsAcquired)
            {
                var retryAfter = lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : (TimeSpan?)null;
                var who = budget.Service ? "per service" : budget.Anonymous ? "per client" : "per user";
                throw new TooManyRequestsException(
                    $"Too many requests: at most {budget.PerMinute} {_limits[budget.Policy].What} a minute {who}.", retryAfter);
            }
        }

        await next(context);
    }

    public void Dispose() => _buckets.Dispose();

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

    /// <summary>What the request spends: its endpoint's policy (<see cref="Requests"/> when it names none) and the caller's bucket in it; none for an admin, a path no endpoint answers, or an endpoint that opts out.</summary>
    private Budget? BudgetOf(HttpContext context)
    {
        var endpoint = context.GetEndpoint();
        if (endpoint is null || endpoint.Metadata.GetMetadata<DisableRateLimitingAttribute>() is not null)
        {
            return null;
        }

        var actor = context.RequestServices.GetRequiredService<ICurrentUser>().Actor;
        if (actor?.IsAdmin == true)
        {
            return null;
        }

        var policy = endpoint.Metadata.GetMetadata<EnableRateLimitingAttribute>()?.PolicyName ?? Requests;
        var service = actor?.Has(Role.Service) == true;
        // Sign-in runs first; an anonymous caller is their address (after UseForwardedHeaders, the client's behind a
        // trusted proxy, never a header an untrusted client sent).
        var caller = actor is not null
            ? $"user:{actor.Issuer}:{actor.Subject}"
            : $"address:{Network(context.Connection.RemoteIpAddress)}";
        return new Budget(policy, $"{policy}:{caller}", service ? _perService : _limits[policy].PerMinute, service, actor is null);
    }

    /// <summary>One request's budget: its policy, the bucket it spends from, the bucket's size, and who the caller is.</summary>
    private sealed record Budget(string Policy, string Bucket, int PerMinute, bool Service, bool Anonymous);
}

/// <summary>Registration and place in the pipeline of <see cref="RateLimits"/>.</summary>
public static class RateLimitsRegistration
{
    public static IServiceCollection AddSlotsRateLimits(this IServiceCollection services)
    {
        services.AddSingleton<RateLimits>();
        services.AddSingleton<BulkWriteBudget.Buckets>();
        services.AddScoped<IBulkWriteBudget, BulkWriteBudget>();
        services.AddSingleton<CalendarFeedLimits>();
        return services;
    }

    /// <summary>After sign-in (a signed-in caller counts as themselves) and before authorization, so that a 401 or a 403 spends from the budget too and says what is left.</summary>
    public static IApplicationBuilder UseSlotsRateLimits(this IApplicationBuilder app) => app.UseMiddleware<RateLimits>();
}
