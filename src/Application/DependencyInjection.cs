using FluentValidation;
using Microsoft.Extensions.DependencyInjection;
using Slots.Application.Common.Behaviors;
using Slots.Application.Common.Waits;
using Slots.Application.Slots;
using Slots.Application.Slots.BookSlot;
using Slots.Application.Slots.ExpireHolds;
using Slots.Application.Slots.PlaceHold;
using Slots.Application.Webhooks.CreateWebhook;

namespace Slots.Application;

public static class DependencyInjection
{
    /// <summary>
    /// Validators, the clock, the wait limits, the booking limits, the holds' settings (the defaults when null), the request
    /// budget, the slot queue, the booking groups and the request's late work. Mediator itself is added by the host, which owns the source generator.
    /// </summary>
    public static IServiceCollection AddApplication(
        this IServiceCollection services, WaitLimits limits, BookingLimits bookings, HoldSettings? holds = null)
    {
        services.AddSingleton(limits);
        services.AddSingleton(bookings);
        services.AddSingleton(holds ?? HoldSettings.Default);
        services.AddSingleton<TimeBudget>();
        services.AddValidatorsFromAssembly(typeof(DependencyInjection).Assembly, ServiceLifetime.Singleton, includeInternalTypes: true);
        services.AddSingleton<ICheckBeforeTransaction<CreateWebhookCommand>, CreateWebhookTargetCheck>();
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<SlotQueue>();
        services.AddSingleton<BookingGroups>();
        services.AddScoped<BookingGroupLead>();
        services.AddScoped<BookingGroupRun>();
        services.AddScoped<LateWork>();
        services.AddScoped<WaitlistPromotion>();
        services.AddScoped<HoldExpiry>();
        return services;
    }
}
