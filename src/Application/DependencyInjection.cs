using FluentValidation;
using Microsoft.Extensions.DependencyInjection;

namespace Slots.Application;

public static class DependencyInjection
{
    /// <summary>Validators and the clock. Mediator itself is added by the host, which owns the source generator.</summary>
    public static IServiceCollection AddApplication(this IServiceCollection services)
    {
        services.AddValidatorsFromAssembly(typeof(DependencyInjection).Assembly, ServiceLifetime.Singleton, includeInternalTypes: true);
        services.AddSingleton(TimeProvider.System);
        return services;
    }
}
