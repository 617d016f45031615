using Microsoft.AspNetCore.HttpLogging;
using Slots.Api.Endpoints;

namespace Slots.Api.Telemetry;

/// <summary>
/// Paths that carry a secret, written without it wherever a path is recorded (the request log, traces): a calendar feed's
/// URL holds its token, because calendar apps subscribe by URL and send no header.
/// </summary>
public static class SecretPaths
{
    private static readonly PathString Feeds = CalendarEndpoints.FeedPath;

    /// <summary>The path as it may be recorded: a feed's token replaced by <c>{token}</c>.</summary>
    public static string Redact(PathString path) =>
        path.StartsWithSegments(Feeds) ? $"{CalendarEndpoints.FeedPath}/{{token}}.ics" : path.Value ?? "";

    /// <summary>The request log's path, redacted.</summary>
    public sealed class LogInterceptor : IHttpLoggingInterceptor
    {
        public ValueTask OnRequestAsync(HttpLoggingInterceptorContext logContext)
        {
            ArgumentNullException.ThrowIfNull(logContext);
            if (logContext.HttpContext.Request.Path.StartsWithSegments(Feeds) && logContext.TryDisable(HttpLoggingFields.RequestPath))
            {
                logContext.AddParameter(nameof(HttpRequest.Path), Redact(logContext.HttpContext.Request.Path));
            }

            return ValueTask.CompletedTask;
        }

        public ValueTask OnResponseAsync(HttpLoggingInterceptorContext logContext) => ValueTask.CompletedTask;
    }
}
