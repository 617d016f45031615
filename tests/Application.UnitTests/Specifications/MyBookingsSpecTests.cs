using Slots.Application.Slots.ListMyBookings;
using Slots.Domain.Slots;
using static Slots.Application.UnitTests.TestData;

namespace Slots.Application.UnitTests.Specifications;

/// <summary>
/// A customer's bookings as the specification picks them, evaluated in memory (the integration tests run it on
/// PostgreSQL): live ones only, upcoming until their end, past from it, each way in its order and after its cursor.
/// </summary>
public class MyBookingsSpecTests
{
    private static readonly Customer Bea = new("bea", "bea@example.com", "Bea");

    /// <summary>Bea's slots: two on the 16th at 10:00 (another specialist's too), one at 12:00, one on the 17th; a cancelled one; Cal's.</summary>
    private static List<Slot> Slots(out Slot[] mine)
    {
        var a = Slot(capacity: 2, date: "2030-01-16", start: "10:00");
        var b = Slot(capacity: 2, date: "2030-01-16", start: "10:00", email: "dan@example.com", owner: "spec-dan");
        var c = Slot(capacity: 2, date: "2030-01-16", start: "12:00");
        var d = Slot(capacity: 2, date: "2030-01-17", start: "09:00");
        var cancelled = Slot(capacity: 2, date: "2030-01-16", start: "14:00");
        var others = Slot(capacity: 2, date: "2030-01-16", start: "16:00");
        foreach (var slot in new[] { a, b, c, d, cancelled })
        {
            slot.Book(Bea, Now, BookingPolicy.Default);
        }

        cancelled.CancelBooking("bea", Now, CancelledBy.Customer, null);
        others.Book(new Customer("cal", "cal@example.com", "Cal"), Now, BookingPolicy.Default);
        var (first, second) = a.Id.CompareTo(b.Id) < 0 ? (a, b) : (b, a);
        mine = [first, second, c, d];
        return [d, others, c, cancelled, b, a];
    }

    [Fact]
    public void Upcoming_are_the_live_bookings_not_ended_soonest_first_ties_by_id()
    {
        var all = Slots(out var mine);

        Assert.Equal(mine.Select(s => s.Id), new MyBookingsSpec("bea", Now.UtcDateTime, null, 10).Evaluate(all).Select(s => s.Id));
        Assert.Equal(mine.Take(2).Select(s => s.Id), new MyBookingsSpec("bea", Now.UtcDateTime, null, 2).Evaluate(all).Select(s => s.Id));
    }

    [Fact]
    public void Upcoming_go_on_after_the_cursor_through_a_tie()
    {
        var all = Slots(out var mine);

        var next = new MyBookingsSpec("bea", Now.UtcDateTime, (mine[0].StartsAt, mine[0].Id), 10).Evaluate(all).Select(s => s.Id);

        Assert.Equal(mine.Skip(1).Select(s => s.Id), next);
        Assert.Equal(mine.Skip(3).Select(s => s.Id),
            new MyBookingsSpec("bea", Now.UtcDateTime, (mine[2].StartsAt, mine[2].Id), 10).Evaluate(all).Select(s => s.Id));
    }

    [Fact]
    public void A_slot_still_running_is_upcoming_and_one_that_ended_at_this_moment_is_past()
    {
        var all = Slots(out var mine);
        var endOfFirst = mine[0].EndsAt;

        Assert.Equal(mine.Select(s => s.Id), new MyBookingsSpec("bea", endOfFirst.AddTicks(-1), null, 10).Evaluate(all).Select(s => s.Id));
        Assert.Equal(mine.Skip(2).Select(s => s.Id), new MyBookingsSpec("bea", endOfFirst, null, 10).Evaluate(all).Select(s => s.Id));
        Assert.Equal(mine.Take(2).Reverse().Select(s => s.Id), new MyBookingsSpec("bea", endOfFirst, null, 10, past: true).Evaluate(all).Select(s => s.Id));
        Assert.Empty(new MyBookingsSpec("bea", endOfFirst.AddTicks(-1), null, 10, past: true).Evaluate(all));
    }

    [Fact]
    public void Past_are_the_latest_first_before_the_cursor_through_a_tie()
    {
        var all = Slots(out var mine);
        var later = mine[3].EndsAt.AddDays(1);

        var past = new MyBookingsSpec("bea", later, null, 10, past: true).Evaluate(all).Select(s => s.Id);

        Assert.Equal(mine.Reverse().Select(s => s.Id), past);
        Assert.Equal([mine[0].Id], new MyBookingsSpec("bea", later, (mine[1].StartsAt, mine[1].Id), 10, past: true).Evaluate(all).Select(s => s.Id));
        Assert.Equal(mine.Take(2).Reverse().Select(s => s.Id),
            new MyBookingsSpec("bea", later, (mine[2].StartsAt, mine[2].Id), 10, past: true).Evaluate(all).Select(s => s.Id));
        Assert.Equal(mine.Reverse().Take(1).Select(s => s.Id), new MyBookingsSpec("bea", later, null, 1, past: true).Evaluate(all).Select(s => s.Id));
    }

    [Fact]
    public void Someone_else_sees_only_their_own()
    {
        var all = Slots(out _);

        Assert.Single(new MyBookingsSpec("cal", Now.UtcDateTime, null, 10).Evaluate(all));
        Assert.Empty(new MyBookingsSpec("nobody", Now.UtcDateTime, null, 10).Evaluate(all));
    }
}
