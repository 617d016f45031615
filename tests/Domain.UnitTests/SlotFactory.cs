using Microsoft.Extensions.Time.Testing;
using Slots.Domain.Slots;

namespace Slots.Domain.UnitTests;

/// <summary>Builds slots for tests at a fixed "now" on a fake clock.</summary>
internal static class SlotFactory
{
    public static readonly DateTimeOffset Now = new(2030, 1, 15, 12, 0, 0, TimeSpan.Zero);

    public static FakeTimeProvider Clock() => new(Now);

    public static Specialist Ann { get; } = new("https://id.example", "spec-1", "Ann.Specialist@Example.com");

    /// <summary>A UTC slot the next day, 10:00-11:00.</summary>
    public static Slot Tomorrow(int capacity = 1, FakeTimeProvider? clock = null)
    {
        var time = SlotTime.Create(new DateOnly(2030, 1, 16), new TimeOnly(10, 0), new TimeOnly(11, 0), "UTC");
        return Slot.Create(Ann, null, time, capacity, (clock ?? Clock()).GetUtcNow());
    }

    public static Customer Customer(int n) => new($"cust-{n}", $"Customer{n}@Example.com", $" Customer {n} ");
}
