using CsCheck;
using Slots.Domain.Common;
using Slots.Domain.Slots;

namespace Slots.Domain.UnitTests;

/// <summary>
/// Model-based property test: random sequences of book, cancel, change-times, activate/deactivate and
/// clock moves run against a <see cref="Slot"/> and against a few lines of plain model. After every step
/// both agree on the outcome (success or the exact error code) and the invariants hold.
/// </summary>
public class SlotModelTests
{
    private static readonly DateTimeOffset Start = new(2030, 6, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly DateOnly SlotDate = new(2030, 6, 2);

    private abstract record Op;

    private sealed record Book(int Customer) : Op;

    private sealed record Cancel(int Customer) : Op;

    private sealed record ChangeTimes(int StartMinute, int LengthMinutes) : Op;

    private sealed record SetActive(bool Active) : Op;

    private sealed record Wait(int Minutes) : Op;

    private static readonly Gen<Op> AnyOp = Gen.Frequency(
        (5, Gen.Int[0, 5].Select(c => (Op)new Book(c))),
        (3, Gen.Int[0, 5].Select(c => (Op)new Cancel(c))),
        (2, Gen.Select(Gen.Int[0, 47], Gen.Int[-2, 4], (s, l) => (Op)new ChangeTimes(s * 30, l * 30))),
        (1, Gen.Bool.Select(a => (Op)new SetActive(a))),
        (1, Gen.Int[0, 900].Select(m => (Op)new Wait(m))));

    [Fact]
    public void The_aggregate_behaves_like_its_model_under_any_sequence() =>
        Gen.Select(Gen.Int[1, 4], AnyOp.Array[1, 60]).Sample((capacity, ops) =>
        {
            var now = Start;
            var slot = Slot.Create(new Specialist("iss", "ann", "ann@example.com"), null, SlotTime.Create(SlotDate, new TimeOnly(10, 0), new TimeOnly(11, 0), "UTC"), capacity, now);
            var model = new Model(capacity, SlotDate.ToDateTime(new TimeOnly(10, 0), DateTimeKind.Utc));

            foreach (var op in ops)
            {
                if (op is Wait wait)
                {
                    now = now.AddMinutes(wait.Minutes);
                    continue;
                }

                var expected = model.Apply(op, now.UtcDateTime);
                var actual = Run(slot, op, now);
                Assert.True(expected == actual, $"{op} at {now:HH:mm} (day {now.Day}): model says {expected ?? "ok"}, slot says {actual ?? "ok"}");

                var live = slot.Bookings.Where(b => b.IsLive).Select(b => b.CustomerId).Order().ToList();
                Assert.Equal(model.Live.Order().Select(c => $"c{c}"), live);
                Assert.Equal(live.Count, slot.BookedCount);
                Assert.InRange(slot.BookedCount, 0, slot.TotalCapacity);
                Assert.Equal(capacity, slot.TotalCapacity);
                Assert.Equal(SlotDate, slot.Date);
                Assert.Equal(model.StartsAt, slot.StartsAt);
                Assert.Equal(model.Active ? SlotStatus.Active : SlotStatus.Inactive, slot.Status);
                Assert.Equal((int)(slot.EndsAt - slot.StartsAt).TotalMinutes, slot.DurationMinutes);
            }
        }, iter: 2000);

    private static string? Run(Slot slot, Op op, DateTimeOffset now)
    {
        try
        {
            switch (op)
            {
                case Book b:
                    slot.Book(new Customer($"c{b.Customer}", $"c{b.Customer}@x.io", "C"), now, BookingPolicy.Default);
                    break;
                case Cancel c:
                    slot.CancelBooking($"c{c.Customer}", now, CancelledBy.Customer, null);
                    break;
                case ChangeTimes t:
                    slot.ChangeTimes(TimeOnly.FromTimeSpan(TimeSpan.FromMinutes(t.StartMinute)), EndOf(t), now);
                    break;
                case SetActive { Active: true }:
                    slot.ChangeStatus(SlotStatus.Active, now);
                    break;
                case SetActive:
                    slot.ChangeStatus(SlotStatus.Inactive, now);
                    break;
            }

            return null;
        }
        catch (DomainException e)
        {
            return e.Code;
        }
    }

    // The local end time; a length that runs past midnight wraps, as a clock would, and so ends "before" the start.
    private static TimeOnly EndOf(ChangeTimes t) => TimeOnly.FromTimeSpan(TimeSpan.FromMinutes((t.StartMinute + t.LengthMinutes + 1440) % 1440));

    /// <summary>The rules, written as plainly as possible.</summary>
    private sealed class Model(int capacity, DateTime startsAt)
    {
        public HashSet<int> Live { get; } = [];

        public DateTime StartsAt { get; private set; } = startsAt;

        public bool Active { get; private set; } = true;

        public string? Apply(Op op, DateTime now)
        {
            var started = StartsAt <= now;
            switch (op)
            {
                case Book b:
                    if (!Active) return "slot_inactive";
                    if (started) return "slot_in_past";
                    if (Live.Contains(b.Customer)) return "already_booked";
                    if (Live.Count >= capacity) return "slot_fully_booked";
                    Live.Add(b.Customer);
                    return null;
                case Cancel c:
                    if (started) return "slot_in_past";
                    return Live.Remove(c.Customer) ? null : "booking_not_found";
                case ChangeTimes t:
                    if (started) return "slot_in_past";
                    if (EndOf(t) <= TimeOnly.FromTimeSpan(TimeSpan.FromMinutes(t.StartMinute))) return "end_not_after_start";
                    var newStart = SlotDate.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc).AddMinutes(t.StartMinute);
                    if (newStart <= now) return "start_not_in_future";
                    StartsAt = newStart;
                    return null;
                case SetActive s:
                    Active = s.Active;
                    return null;
                default:
                    throw new InvalidOperationException(op.ToString());
            }
        }
    }
}
