using Slots.Application.Common;

namespace Slots.Api.Http;

/// <summary>Counts every request in and out (<see cref="RequestLoad"/>), so that work that can wait gives way to them.</summary>
public static class RequestLoadCounting
{
    public static WebApplication UseRequestLoad(this WebApplication app)
    {
        var load = app.Services.GetRequiredService<RequestLoad>();
        app.Use(async (context, next) =>
        {
            load.Enter();
            try
            {
                await next(context);
            }
            finally
            {
                load.Leave();
            }
        });
        return app;
    }
}
