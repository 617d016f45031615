using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;
using Slots.Application.Common;
using Slots.Infrastructure.Persistence;

namespace Slots.Infrastructure;

public static class DependencyInjection
{
    public static IServiceCollection AddInfrastructure(this IServiceCollection services, string connectionString)
    {
        services.AddDbContextPool<SlotsDbContext>(options => options
            .UseNpgsql(
                Tuned(connectionString),
                npgsql => npgsql.ExecutionStrategy(dependencies => new RetryStrategy(dependencies)))
            .AddInterceptors(SlotsDbContext.Interceptors)
            // A constraint that fires is an expected answer (a 409), and a client that hangs up cancels its
            // transaction; neither is an incident. Failures that are incidents reach the API's exception
            // handler, which logs them with their exception.
            .ConfigureWarnings(w => w.Log(
                (RelationalEventId.CommandError, LogLevel.Debug),
                (RelationalEventId.TransactionError, LogLevel.Debug),
                (CoreEventId.SaveChangesFailed, LogLevel.Debug))));
        services.AddScoped<ISlotRepository, SlotRepository>();
        services.AddScoped<ISlotReader, SlotReader>();
        services.AddScoped<IUnitOfWork, UnitOfWork>();
        services.AddHealthChecks().AddDbContextCheck<SlotsDbContext>("database", tags: ["ready"]);
        return services;
    }

    /// <summary>
    /// Server-side prepared statements for the few statements the service sends over and over (PostgreSQL
    /// then skips parsing and planning them), unless the connection string sets its own count; and no
    /// DISCARD ALL when a connection goes back to the pool, since nothing here leaves session state behind
    /// (the advisory locks end with their transaction).
    /// </summary>
    private static string Tuned(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (!connectionString.Contains("Max Auto Prepare", StringComparison.OrdinalIgnoreCase))
        {
            builder.MaxAutoPrepare = 32;
        }

        builder.NoResetOnClose = true;
        return builder.ConnectionString;
    }
}
