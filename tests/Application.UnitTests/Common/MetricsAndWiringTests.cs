using System.Diagnostics.Metrics;
using FluentValidation;
using Microsoft.Extensions.DependencyInjection;
using Slots.Application.Common;
using Slots.Application.Common.Behaviors;
using Slots.Application.Common.Waits;
using Slots.Application.Slots;
using Slots.Application.Slots.BookSlot;
using Slots.Application.Slots.CreateSlot;
using Slots.Application.Slots.ExpireHolds;
using Slots.Application.Slots.PlaceHold;
using Slots.Application.Webhooks.CreateWebhook;

namespace Slots.Application.UnitTests.Common;

/// <summary>The metrics' observed gauges read exactly; no other test observes or queues at the same time.</summary>
[CollectionDefinition(nameof(ObservedGauges), DisableParallelization = true)]
public sealed class ObservedGauges;

[Collection(nameof(ObservedGauges))]
public class MetricsAndWiringTests
{
    [Fact]
    public async Task The_queue_depth_is_the_sum_of_every_queues_commands_in_line_and_falls_back_as_they_leave()
    {
        var (first, second) = (new SlotQueue(WaitLimits.Default), new SlotQueue(WaitLimits.Default));
        var before = Gauges()["slots.queue.depth"];
        var turns = new List<SlotQueue.Turn>();
        foreach (var (queue, count) in new[] { (first, 2), (second, 3) })
        {
            for (var i = 0; i < count; i++)
            {
                turns.Add(await queue.EnterAsync(Guid.NewGuid(), default));
            }
        }

        var during = Gauges()["slots.queue.depth"];
        turns.ForEach(t => t.Dispose());

        Assert.Equal(5, during - before);
        Assert.Equal(before, Gauges()["slots.queue.depth"]);
    }

    [Fact]
    public void The_circuit_state_and_the_feed_lag_are_the_worst_of_those_observed()
    {
        var observing = true;
        SlotsMetrics.ObserveCircuitState(() => observing ? 7 : 0);
        SlotsMetrics.ObserveCircuitState(() => observing ? 9 : 0);
        SlotsMetrics.ObserveFeedLag(() => observing ? 70 : 0);
        SlotsMetrics.ObserveFeedLag(() => observing ? 90 : 0);

        var gauges = Gauges();
        observing = false;

        Assert.Equal((9, 90), (gauges["slots.circuit.state"], gauges["slots.feed.lag"]));
    }

    [Fact]
    public void A_request_waiting_on_a_stream_is_not_counted_until_its_wait_ends_once()
    {
        var load = new RequestLoad();
        for (var i = 0; i <= Environment.ProcessorCount; i++)
        {
            Assert.False(load.Busy);
            load.Enter();
        }

        Assert.True(load.Busy);
        var waiting = load.Waiting();
        Assert.Equal((Environment.ProcessorCount, false), (load.InFlight, load.Busy));
        waiting.Dispose();
        Assert.Equal(Environment.ProcessorCount + 1, load.InFlight);
        waiting.Dispose();
        Assert.Equal(Environment.ProcessorCount + 1, load.InFlight);
    }

    [Fact]
    public void The_application_adds_its_settings_validators_clock_queue_and_scoped_services()
    {
        var (limits, bookings, holds) = (WaitLimits.Default, new BookingLimits(3, 2), new HoldSettings(4, 5));
        var services = new ServiceCollection().AddApplication(limits, bookings, holds);

        Assert.Same(limits, Instance<WaitLimits>(services));
        Assert.Same(bookings, Instance<BookingLimits>(services));
        Assert.Same(holds, Instance<HoldSettings>(services));
        Assert.Same(TimeProvider.System, Instance<TimeProvider>(services));
        Assert.Same(HoldSettings.Default, Instance<HoldSettings>(new ServiceCollection().AddApplication(limits, bookings)));
        Assert.Equal(ServiceLifetime.Singleton, Single<IValidator<CreateSlotCommand>>(services).Lifetime);
        Assert.Equal(typeof(CreateWebhookTargetCheck), Single<ICheckBeforeTransaction<CreateWebhookCommand>>(services).ImplementationType);
        Assert.Equal(
            [ServiceLifetime.Singleton, ServiceLifetime.Singleton, ServiceLifetime.Scoped, ServiceLifetime.Scoped],
            new[] { typeof(TimeBudget), typeof(SlotQueue), typeof(WaitlistPromotion), typeof(HoldExpiry) }
                .Select(t => Assert.Single(services, d => d.ServiceType == t).Lifetime));
    }

    private static ServiceDescriptor Single<T>(IServiceCollection services) => Assert.Single(services, d => d.ServiceType == typeof(T));

    private static T Instance<T>(IServiceCollection services) => (T)Single<T>(services).ImplementationInstance!;

    /// <summary>The service's observed gauges, read once.</summary>
    private static Dictionary<string, int> Gauges()
    {
        var seen = new Dictionary<string, int>();
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == SlotsMetrics.MeterName)
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<int>((instrument, value, _, _) => seen[instrument.Name] = value);
        listener.Start();
        listener.RecordObservableInstruments();
        return seen;
    }
}
