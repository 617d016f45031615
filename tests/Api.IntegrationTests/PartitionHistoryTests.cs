using Slots.Tests.Shared;

namespace Slots.Api.IntegrationTests;

/// <summary>
/// The partition drill's checker (<see cref="PartitionHistory"/>): a history that keeps every promise passes every check,
/// and each broken promise fails exactly the check that names it.
/// </summary>
public sealed class PartitionHistoryTests
{
    private static readonly DateTime T0 = new(2026, 12, 7, 9, 0, 0, DateTimeKind.Utc);
    private static readonly Guid SlotA = Guid.Parse("00000000-0000-0000-0000-00000000000a");
    private static readonly Guid SlotB = Guid.Parse("00000000-0000-0000-0000-00000000000b");
    private static readonly Guid BookingK1 = Guid.Parse("00000000-0000-0000-0000-000000000001");
    private static readonly Guid BookingK2 = Guid.Parse("00000000-0000-0000-0000-000000000002");
    private static readonly Guid BookingK3 = Guid.Parse("00000000-0000-0000-0000-000000000003");

    /// <summary>
    /// k1: a 503 during the partition, then its retry replays the booking made. k2: booked, then cancelled after a timeout
    /// and a replayed 204 (the first cancellation had gone through). k3: booked at once. k4: refused, the slot full.
    /// </summary>
    private static List<Attempt> History() =>
    [
        Sent(Attempt.Book, "k1", SlotA, 1, 0, 503, "time_budget_exceeded", null),
        Sent(Attempt.Book, "k1", SlotA, 2, 1, 201, null, BookingK1),
        Sent(Attempt.Book, "k2", SlotA, 1, 2, 201, null, BookingK2),
        Sent(Attempt.Cancel, "k2", SlotA, 1, 3, 0, "timeout", null, took: null),
        Sent(Attempt.Cancel, "k2", SlotA, 2, 13, 204, null, null),
        Sent(Attempt.Book, "k3", SlotB, 1, 4, 201, null, BookingK3),
        Sent(Attempt.Book, "k4", SlotB, 1, 5, 409, "slot_fully_booked", null),
    ];

    private static FinalState State() => new(
        [
            new StoredSlot(SlotA, 2, 1, [new StoredBooking(BookingK1, "k1")]),
            new StoredSlot(SlotB, 1, 1, [new StoredBooking(BookingK3, "k3")]),
        ],
        [
            new FeedBookingEvent("slots.booking.created", SlotA, BookingK1, "k1"),
            new FeedBookingEvent("slots.booking.created", SlotA, BookingK2, "k2"),
            new FeedBookingEvent("slots.booking.cancelled", SlotA, BookingK2, "k2"),
            new FeedBookingEvent("slots.booking.created", SlotB, BookingK3, "k3"),
        ]);

    private static Attempt Sent(
        string op, string key, Guid slot, int number, int second, int status, string? code, Guid? booking, double? took = 0.2) =>
        new(op, key, slot, key, number, T0.AddSeconds(second), took is { } t ? T0.AddSeconds(second + t) : null, status, code, booking,
            status == 503, null);

    private static string[] Failed(IReadOnlyList<Attempt> history, FinalState state) =>
        [.. PartitionHistory.Check(history, state).Where(c => !c.Passed).Select(c => c.Name)];

    [Fact]
    public void A_history_that_kept_every_promise_passes_every_check()
    {
        // The one unanswered request is itself a broken promise; answered, the history is clean.
        var history = History().Select(a => a.AnsweredAt is null ? a with { AnsweredAt = a.SentAt.AddSeconds(1) } : a).ToList();

        var checks = PartitionHistory.Check(history, State());

        Assert.Equal(8, checks.Count);
        Assert.All(checks, c => Assert.True(c.Passed, $"{c.Name}: {c.Detail}"));
    }

    [Fact]
    public void A_request_left_unanswered_fails_the_bound()
    {
        Assert.Equal(["answered within 3 s"], Failed(History(), State()));
    }

    [Theory]
    [InlineData(2.9, true)]
    [InlineData(3.0, true)]
    [InlineData(3.01, false)]
    public void The_bound_is_three_seconds(double seconds, bool passes)
    {
        var history = Answered().Append(Sent(Attempt.Book, "k5", SlotB, 1, 6, 409, "slot_fully_booked", null, took: seconds)).ToList();

        Assert.Equal(passes, !Failed(history, State()).Contains("answered within 3 s"));
    }

    [Fact]
    public void A_500_fails_the_bound_even_when_fast()
    {
        var history = Answered().Prepend(Sent(Attempt.Book, "k3", SlotB, 0, 3, 500, null, null)).ToList();

        Assert.Equal(["answered within 3 s"], Failed(history, State()));
    }

    [Fact]
    public void A_slot_over_its_capacity_or_with_its_count_off_fails_capacity()
    {
        var state = State();
        var full = state with { Slots = [state.Slots[0] with { Capacity = 0 }, state.Slots[1]] };
        var skewed = state with { Slots = [state.Slots[0], state.Slots[1] with { BookedCount = 0 }] };

        Assert.Equal(["capacity"], Failed(Answered(), full));
        Assert.Equal(["capacity"], Failed(Answered(), skewed));
    }

    [Fact]
    public void An_acknowledged_booking_missing_is_lost()
    {
        var state = State();
        var missing = state with
        {
            Slots = [state.Slots[0] with { BookedCount = 0, Live = [] }, state.Slots[1]],
            Feed = [.. state.Feed, new FeedBookingEvent("slots.booking.cancelled", SlotA, BookingK1, "k1")],
        };

        Assert.Equal(["no lost booking"], Failed(Answered(), missing));
    }

    [Fact]
    public void A_cancellation_answered_and_then_undone_is_lost_too()
    {
        var state = State();
        var undone = state with
        {
            Slots = [state.Slots[0] with { Capacity = 3, BookedCount = 2, Live = [.. state.Slots[0].Live, new StoredBooking(BookingK2, "k2")] }, state.Slots[1]],
            Feed = [.. state.Feed.Where(e => !(e.Booking == BookingK2 && e.Type == "slots.booking.cancelled"))],
        };

        Assert.Equal(["no lost booking"], Failed(Answered(), undone));
    }

    [Fact]
    public void A_stored_booking_no_client_was_told_of_is_a_phantom()
    {
        var state = State();
        var phantom = new StoredBooking(Guid.NewGuid(), "k4");
        var withPhantom = state with
        {
            Slots = [state.Slots[0], state.Slots[1] with { Capacity = 2, BookedCount = 2, Live = [.. state.Slots[1].Live, phantom] }],
            Feed = [.. state.Feed, new FeedBookingEvent("slots.booking.created", SlotB, phantom.Id, "k4")],
        };

        Assert.Equal(["no phantom"], Failed(Answered(), withPhantom));
    }

    [Fact]
    public void A_key_booked_twice_fails_each_key_once()
    {
        var state = State();
        var second = new StoredBooking(Guid.NewGuid(), "k3");
        var doubled = state with
        {
            Slots = [state.Slots[0], state.Slots[1] with { Capacity = 2, BookedCount = 2, Live = [.. state.Slots[1].Live, second] }],
            Feed = [.. state.Feed, new FeedBookingEvent("slots.booking.created", SlotB, second.Id, "k3")],
        };
        var history = Answered().Append(Sent(Attempt.Book, "k3", SlotB, 2, 7, 201, null, second.Id)).ToList();

        Assert.Equal(["each key once"], Failed(history, doubled));
    }

    [Fact]
    public void A_key_whose_last_answer_left_it_open_is_unsettled()
    {
        var history = Answered().Append(Sent(Attempt.Book, "k6", SlotB, 1, 8, 503, "time_budget_exceeded", null)).ToList();

        Assert.Equal(["every key settled"], Failed(history, State()));
    }

    /// <summary>A retry of a cancellation that had gone through, answered 404 as if there had been no booking: its key was not honoured.</summary>
    [Fact]
    public void A_cancellation_retried_to_404_fails_each_cancellation_204()
    {
        var history = Answered().Select(a => a is { Op: Attempt.Cancel, Number: 2 } ? a with { Status = 404, Code = "booking_not_found" } : a).ToList();

        Assert.Equal(["each cancellation 204"], Failed(history, State()));
    }

    [Fact]
    public void A_feed_that_misses_an_event_or_repeats_one_differs_from_the_state()
    {
        var state = State();
        var missing = state with { Feed = [.. state.Feed.Where(e => e.Booking != BookingK3)] };
        var repeated = state with { Feed = [.. state.Feed, state.Feed[0]] };
        var cancelledUnknown = state with { Feed = [.. state.Feed, new FeedBookingEvent("slots.booking.cancelled", SlotB, Guid.NewGuid(), "x")] };

        Assert.Equal(["feed equals state"], Failed(Answered(), missing));
        Assert.Equal(["feed equals state"], Failed(Answered(), repeated));
        Assert.Equal(["feed equals state"], Failed(Answered(), cancelledUnknown));
    }

    [Fact]
    public void The_history_and_the_state_survive_their_files()
    {
        var history = History();
        var lines = history.Select(PartitionHistory.ToLine).ToList();

        Assert.Equal(history, PartitionHistory.Read(lines));
        var state = PartitionHistory.ReadState(PartitionHistory.Write(State()));
        Assert.Equal(State().Slots.Select(s => (s.Id, s.Capacity, s.BookedCount, string.Join(",", s.Live))),
            state.Slots.Select(s => (s.Id, s.Capacity, s.BookedCount, string.Join(",", s.Live))));
        Assert.Equal(State().Feed, state.Feed);
    }

    /// <summary>The clean history: every request answered.</summary>
    private static List<Attempt> Answered() =>
        [.. History().Select(a => a.AnsweredAt is null ? a with { AnsweredAt = a.SentAt.AddSeconds(1) } : a)];
}
