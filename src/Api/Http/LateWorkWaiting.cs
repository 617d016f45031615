using Slots.Application.Common.Waits;

namespace Slots.Api.Http;

/// <summary>
/// A request that answered without waiting for its database work (<see cref="LateWork"/>, behind a partition) finishes
/// its answer first, then waits here for that work to end: until then the work still uses the request's <c>DbContext</c>,
/// which the end of the request's scope gives back to the pool. The answer said <c>Connection: close</c>, so no client
/// waits behind it on this connection.
/// </summary>
public static class LateWorkWaiting
{
    public static WebApplication UseLateWork(this WebApplication app)
    {
        app.Use(async (context, next) =>
        {
            await next(context);
            if (context.RequestServices.GetService<LateWork>() is { Any: true } late)
            {
                await context.Response.CompleteAsync();
                await late.AllDoneAsync();
            }
        });
        return app;
    }
}
