using Microsoft.Extensions.Time.Testing;
using Slots.Domain.Slots;

namespace Slots.Application.UnitTests;

internal static class TestData
{
    public static readonly DateTimeOffset Now = new(2030, 1, 15, 12, 0, 0, TimeSpan.Zero);

    public static FakeTimeProvider Clock() => new(Now);

    public static Slot Slot(int capacity = 1, string date = "2030-01-16", string start = "10:00", string email = "ann@example.com")
    {
        var time = SlotTime.Create(DateOnly.Parse(date), TimeOnly.Parse(start), TimeOnly.Parse(start).AddHours(1), "UTC");
        return Domain.Slots.Slot.Create(email, null, null, time, capacity, Now);
    }
}
