using Microsoft.Extensions.Time.Testing;
using Slots.Application.Common.Security;
using Slots.Domain.Slots;

namespace Slots.Application.UnitTests;

internal static class TestData
{
    public static readonly DateTimeOffset Now = new(2030, 1, 15, 12, 0, 0, TimeSpan.Zero);

    public static FakeTimeProvider Clock() => new(Now);

    /// <summary>The specialist who owns <see cref="Slot"/>'s slots by default.</summary>
    public static ICurrentUser Ann { get; } = User("spec-ann", "ann@example.com", Role.Specialist);

    /// <summary>A customer, signed in as themselves.</summary>
    public static ICurrentUser Cara { get; } = User("cara", "cara@x.io", Role.Customer);

    public static ICurrentUser Admin { get; } = User("svc-backoffice", null, Role.Admin);

    public static ICurrentUser Nobody { get; } = new SignedIn(null);

    public const string Issuer = "https://id.example";

    public static ICurrentUser User(string subject, string? email, params Role[] roles) =>
        new SignedIn(new Actor(Issuer, subject, email, null, roles.ToHashSet()));

    /// <summary>A slot owned by <paramref name="owner"/> (default Ann's subject) at <see cref="Issuer"/>.</summary>
    public static Slot Slot(
        int capacity = 1, string date = "2030-01-16", string start = "10:00", string email = "ann@example.com", string owner = "spec-ann")
    {
        var time = SlotTime.Create(DateOnly.Parse(date), TimeOnly.Parse(start), TimeOnly.Parse(start).AddHours(1), "UTC");
        return Domain.Slots.Slot.Create(new Specialist(Issuer, owner, email), null, time, capacity, Now);
    }

    /// <summary>Gives a waitlist entry the place in line the database gives it as it is stored (0 before), as EF sets it.</summary>
    public static void Store(WaitlistEntry entry, long position) =>
        typeof(WaitlistEntry).GetProperty(nameof(WaitlistEntry.Position))!.SetValue(entry, position);

    private sealed record SignedIn(Actor? Actor) : ICurrentUser;
}
