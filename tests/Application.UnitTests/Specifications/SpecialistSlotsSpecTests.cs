using Slots.Application.Slots.ListSpecialistSlots;
using Slots.Domain.Slots;
using static Slots.Application.UnitTests.TestData;

namespace Slots.Application.UnitTests.Specifications;

/// <summary>
/// A specialist's list as the specification picks it, evaluated in memory (the integration tests run it on PostgreSQL):
/// the owner's slots only, each filter on its own, ended ones the latest first, and the cursor each way.
/// </summary>
public class SpecialistSlotsSpecTests
{
    private static readonly (string, string) AnnOwner = (Issuer, "spec-ann");

    /// <summary>Ann's: the 16th at 10:00 (booked, for coaching), 12:00 (closed, for yoga), 14:00 (for all); the 17th at 09:00; and Dan's.</summary>
    private static (List<Slot> All, Slot[] Ann) Slots()
    {
        var coaching = Create("2030-01-16", "10:00", "coaching");
        var yoga = Create("2030-01-16", "12:00", "yoga");
        var any = Create("2030-01-16", "14:00", null);
        var next = Create("2030-01-17", "09:00", null);
        var dans = Domain.Slots.Slot.Create(new Specialist(Issuer, "spec-dan", "dan@example.com"), null,
            SlotTime.Create(new DateOnly(2030, 1, 16), new TimeOnly(11, 0), new TimeOnly(12, 0), "UTC"), 1, Now);
        coaching.Book(new Customer("bea", "bea@example.com", "Bea"), Now, BookingPolicy.Default);
        yoga.ChangeStatus(SlotStatus.Inactive, Now);
        return ([next, dans, any, yoga, coaching], [coaching, yoga, any, next]);
    }

    private static Slot Create(string date, string start, string? serviceId) => Domain.Slots.Slot.Create(
        new Specialist(Issuer, "spec-ann", "ann@example.com"), serviceId,
        SlotTime.Create(DateOnly.Parse(date), TimeOnly.Parse(start), TimeOnly.Parse(start).AddHours(1), "UTC"), 2, Now);

    private static IEnumerable<Guid> Pick(List<Slot> all, SlotFilter filter, DateTime? cursor = null, int take = 10, DateTime? now = null,
        (string, string)? owner = null, string email = "Ann@Example.com") =>
        new SpecialistSlotsSpec(email, owner, cursor, take, now ?? Now.UtcDateTime, filter).Evaluate(all).Select(s => s.Id);

    [Fact]
    public void All_of_the_specialists_slots_soonest_first_by_their_address_in_any_case()
    {
        var (all, ann) = Slots();

        Assert.Equal(ann.Select(s => s.Id), Pick(all, new SlotFilter(), owner: AnnOwner));
        Assert.Equal(ann.Select(s => s.Id), Pick(all, new SlotFilter()));
        Assert.Empty(Pick(all, new SlotFilter(), owner: (Issuer, "spec-dan")));
        Assert.Equal(ann.Take(2).Select(s => s.Id), Pick(all, new SlotFilter(), take: 2));
        Assert.Equal(ann.Skip(1).Select(s => s.Id), Pick(all, new SlotFilter(), cursor: ann[0].StartsAt));
    }

    [Fact]
    public void Each_filter_keeps_what_it_names()
    {
        var (all, ann) = Slots();

        Assert.Equal([ann[0].Id, ann[2].Id, ann[3].Id], Pick(all, new SlotFilter(ServiceId: "coaching")));
        Assert.Equal([ann[1].Id], Pick(all, new SlotFilter(Status: SlotStatus.Inactive)));
        Assert.Equal([ann[0].Id, ann[2].Id, ann[3].Id], Pick(all, new SlotFilter(Status: SlotStatus.Active)));
        Assert.Equal([ann[0].Id], Pick(all, new SlotFilter(Booked: true)));
        Assert.Equal(ann.Skip(1).Select(s => s.Id), Pick(all, new SlotFilter(Booked: false)));
        Assert.Equal([ann[2].Id, ann[3].Id], Pick(all, new SlotFilter(ServiceId: "yoga", Status: SlotStatus.Active)));
    }

    [Fact]
    public void Ended_slots_are_the_latest_first_from_their_end_and_upcoming_ones_until_it()
    {
        var (all, ann) = Slots();
        var endOfSecond = ann[1].EndsAt;

        Assert.Equal([ann[1].Id, ann[0].Id], Pick(all, new SlotFilter(Ended: true), now: endOfSecond));
        Assert.Equal([ann[0].Id], Pick(all, new SlotFilter(Ended: true), now: endOfSecond.AddTicks(-1)));
        Assert.Equal([ann[2].Id, ann[3].Id], Pick(all, new SlotFilter(Ended: false), now: endOfSecond));
        Assert.Equal(ann.Skip(1).Select(s => s.Id), Pick(all, new SlotFilter(Ended: false), now: endOfSecond.AddTicks(-1)));
        Assert.Equal([ann[0].Id], Pick(all, new SlotFilter(Ended: true), now: endOfSecond, cursor: ann[1].StartsAt));
        Assert.Equal([ann[1].Id], Pick(all, new SlotFilter(Ended: true), now: endOfSecond, take: 1));
        Assert.Equal([ann[3].Id], Pick(all, new SlotFilter(Ended: false), now: endOfSecond, cursor: ann[2].StartsAt));
    }
}
