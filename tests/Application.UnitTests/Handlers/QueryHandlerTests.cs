using Slots.Application.Common;
using Slots.Application.Slots;
using Slots.Application.Slots.GetSlot;
using Slots.Application.Slots.ListAvailableSlots;
using Slots.Application.Slots.ListSpecialistSlots;
using Slots.Domain.Common;
using Slots.Domain.Slots;
using static Slots.Application.UnitTests.TestData;

namespace Slots.Application.UnitTests.Handlers;

/// <summary>
/// Query handlers run their projection over whatever rows the reader yields; here the reader evaluates the
/// specification in memory (<see cref="InMemorySlotReader"/>), so these tests check the specs' meaning.
/// </summary>
public class QueryHandlerTests
{
    private readonly InMemorySlotReader _reader = new();

    [Fact]
    public async Task Available_shows_only_active_future_slots_with_seats_left_in_the_default_30_days()
    {
        var open = Slot(capacity: 2, date: "2030-01-16");
        var full = Slot(capacity: 1, date: "2030-01-17");
        full.Book(new Customer("c", "c@x.io", "C"), Now, BookingPolicy.Default);
        var inactive = Slot(date: "2030-01-18");
        inactive.ChangeStatus(SlotStatus.Inactive, Now);
        var later = Slot(date: "2030-03-01");
        var otherSpecialist = Slot(date: "2030-01-16", email: "bob@example.com", owner: "spec-bob");
        var startedToday = Slot(date: "2030-01-15", start: "12:30");
        _reader.Rows.AddRange([open, full, inactive, later, otherSpecialist, startedToday]);
        var clock = Clock();
        clock.Advance(TimeSpan.FromHours(1)); // 13:00: the 12:30 slot has started

        var page = await new ListAvailableSlotsHandler(_reader, clock)
            .Handle(new ListAvailableSlotsQuery("ANN@example.com", null, null, null, null), default);

        var only = Assert.Single(page.Items);
        Assert.Equal(open.Id, only.Id);
        Assert.Equal(2, only.RemainingCapacity);
        Assert.Null(page.NextCursor);
    }

    [Fact]
    public async Task Available_honours_an_explicit_date_range()
    {
        _reader.Rows.AddRange([Slot(date: "2030-01-16"), Slot(date: "2030-02-20"), Slot(date: "2030-02-21")]);

        var page = await new ListAvailableSlotsHandler(_reader, Clock())
            .Handle(new ListAvailableSlotsQuery("ann@example.com", "2030-02-20", "2030-02-20", null, null), default);

        Assert.Equal(new DateOnly(2030, 2, 20), Assert.Single(page.Items).Date);
    }

    [Fact]
    public async Task Specialist_list_pages_by_start_with_a_cursor()
    {
        for (var day = 16; day <= 20; day++)
        {
            _reader.Rows.Add(Slot(date: $"2030-01-{day}"));
        }

        var handler = new ListSpecialistSlotsHandler(_reader, Ann, Clock());
        var first = await handler.Handle(new ListSpecialistSlotsQuery("ann@example.com", 2, null), default);
        var second = await handler.Handle(new ListSpecialistSlotsQuery("ann@example.com", 2, first.NextCursor), default);
        var third = await handler.Handle(new ListSpecialistSlotsQuery("ann@example.com", 2, second.NextCursor), default);

        Assert.Equal([16, 17], first.Items.Select(s => s.Date.Day));
        Assert.Equal([18, 19], second.Items.Select(s => s.Date.Day));
        Assert.Equal([20], third.Items.Select(s => s.Date.Day));
        Assert.Null(third.NextCursor);
    }

    [Fact]
    public async Task Get_of_a_missing_slot_is_not_found()
    {
        var ex = await Assert.ThrowsAsync<DomainException>(() =>
            new GetSlotHandler(_reader, Ann).Handle(new GetSlotQuery(Guid.NewGuid()), default).AsTask());

        Assert.Equal("slot_not_found", ex.Code);
    }

    [Fact]
    public async Task Get_returns_the_slot_with_bookings_in_booking_order()
    {
        var slot = Slot(capacity: 3);
        slot.Book(new Customer("b", "b@x.io", "B"), Now.AddMinutes(2), BookingPolicy.Default);
        slot.Book(new Customer("a", "a@x.io", "A"), Now.AddMinutes(1), BookingPolicy.Default);
        _reader.Rows.Add(slot);

        var response = await new GetSlotHandler(_reader, Ann).Handle(new GetSlotQuery(slot.Id), default);

        Assert.Equal(["a", "b"], response.Bookings.Select(b => b.CustomerId));
        Assert.Equal(2, response.BookedCount);
    }

    [Fact]
    public async Task Get_orders_bookings_made_at_the_same_moment_by_id_and_shows_no_cancelled_one()
    {
        var slot = Slot(capacity: 4);
        foreach (var id in new[] { "a", "b", "c" })
        {
            slot.Book(new Customer(id, $"{id}@x.io", id), Now, BookingPolicy.Default);
        }

        slot.CancelBooking("b", Now, CancelledBy.Customer, null);
        _reader.Rows.Add(slot);

        var response = await new GetSlotHandler(_reader, Ann).Handle(new GetSlotQuery(slot.Id), default);

        var live = slot.Bookings.Where(b => b.IsLive).OrderBy(b => b.Id).Select(b => b.Id);
        Assert.Equal(live, response.Bookings.Select(b => b.Id));
        Assert.All(response.Bookings, b => Assert.Null(b.Cancellation));
    }

    [Fact]
    public async Task Available_pages_by_the_default_size_with_a_cursor_to_the_rest()
    {
        for (var i = 0; i <= Paging.DefaultLimit; i++)
        {
            _reader.Rows.Add(Slot(date: "2030-01-16", start: new TimeOnly(0, 0).AddMinutes(5 * i).ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture)));
        }

        var handler = new ListAvailableSlotsHandler(_reader, Clock());
        var first = await handler.Handle(new ListAvailableSlotsQuery("ann@example.com", null, null, null, null), default);
        var rest = await handler.Handle(new ListAvailableSlotsQuery("ann@example.com", null, null, null, first.NextCursor), default);

        Assert.Equal((Paging.DefaultLimit, 1), (first.Items.Count, rest.Items.Count));
        Assert.Null(rest.NextCursor);
    }

    [Theory]
    [InlineData("past", null, new[] { "16 10:00" })]
    [InlineData("upcoming", null, new[] { "16 12:00", "17 10:00" })]
    [InlineData("upcoming", "inactive", new[] { "17 10:00" })]
    [InlineData("upcoming", "active", new[] { "16 12:00" })]
    public async Task Specialist_list_keeps_what_its_when_and_status_ask(string when, string? status, string[] starts)
    {
        var inactive = Slot(date: "2030-01-17");
        inactive.ChangeStatus(SlotStatus.Inactive, Now);
        _reader.Rows.AddRange([Slot(date: "2030-01-16"), Slot(date: "2030-01-16", start: "12:00"), inactive]);
        var clock = Clock();
        clock.SetUtcNow(new DateTimeOffset(2030, 1, 16, 11, 30, 0, TimeSpan.Zero));

        var page = await new ListSpecialistSlotsHandler(_reader, Ann, clock)
            .Handle(new ListSpecialistSlotsQuery("ann@example.com", 10, null, When: when, Status: status), default);

        Assert.Equal(starts, page.Items.Select(s => $"{s.Date:dd} {s.StartTime:HH\\:mm}"));
    }
}
