using System.Buffers.Text;
using System.Text;
using Slots.Application.Common;
using Slots.Application.Slots;
using Slots.Application.Slots.ListAvailableSlots;
using Slots.Application.Webhooks.ListDeliveries;
using static Slots.Application.UnitTests.TestData;

namespace Slots.Application.UnitTests.Common;

/// <summary>Cursors at their length cap, pages at their limit, and the small value types the handlers hand on.</summary>
public class CursorEdgeTests
{
    /// <summary>A cursor of <paramref name="length"/> characters that is otherwise valid: its ticks padded with zeros.</summary>
    private static string PaddedCursor(int length)
    {
        var bytes = length * 3 / 4;
        var ticks = Now.UtcDateTime.Ticks.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var text = "s:" + ticks.PadLeft(bytes - 2 - 1 - 32, '0') + ":" + Guid.NewGuid().ToString("N");
        return Base64Url.EncodeToString(Encoding.UTF8.GetBytes(text));
    }

    [Fact]
    public void A_cursor_at_the_length_cap_is_read_and_a_longer_one_is_refused_unread()
    {
        var atCap = PaddedCursor(Paging.MaxCursorLength);
        var over = PaddedCursor(Paging.MaxCursorLength + 4);

        Assert.Equal(Paging.MaxCursorLength, atCap.Length);
        Assert.True(Paging.TryDecodeCursor(atCap, out var startsAt));
        Assert.Equal(Now.UtcDateTime, startsAt);
        Assert.False(Paging.TryDecodeCursor(over, out _));
    }

    [Fact]
    public void A_page_of_exactly_its_limit_is_the_last()
    {
        var page = Paging.ToPage([1, 2, 3], 3, _ => "next");

        Assert.Equal([1, 2, 3], page.Items);
        Assert.Null(page.NextCursor);
    }

    [Fact]
    public void A_delivery_cursor_that_is_missing_too_long_or_not_base64_is_refused()
    {
        Assert.False(DeliveryCursor.TryDecode(null, out _));
        Assert.False(DeliveryCursor.TryDecode("", out _));
        Assert.False(DeliveryCursor.TryDecode(new string('A', Paging.MaxCursorLength + 1), out _));
        Assert.False(DeliveryCursor.TryDecode("!!!", out _));
        var id = Guid.NewGuid();
        Assert.True(DeliveryCursor.TryDecode(DeliveryCursor.Encode(id), out var last));
        Assert.Equal(id, last);
    }

    [Fact]
    public void A_load_says_which_bookings_it_loads()
    {
        Assert.Equal((null, false), (SlotLoad.SlotOnly.CustomerId, SlotLoad.SlotOnly.AllLive));
        Assert.Equal((null, true), (SlotLoad.AllLiveBookings.CustomerId, SlotLoad.AllLiveBookings.AllLive));
        Assert.Equal(("c1", false), (SlotLoad.LiveBookingOf("c1").CustomerId, SlotLoad.LiveBookingOf("c1").AllLive));
    }

    [Theory]
    [InlineData(1, false)]
    [InlineData(2, true)]
    public void A_slot_is_fully_booked_once_its_bookings_reach_its_capacity(int booked, bool full)
    {
        var slot = Slot(capacity: 2);
        for (var i = 0; i < booked; i++)
        {
            slot.Book(new Domain.Slots.Customer($"c{i}", $"c{i}@x.io", "C"), Now, Domain.Slots.BookingPolicy.Default);
        }

        var response = slot.ToResponse();

        Assert.Equal(full, response.IsFullyBooked);
        Assert.False(response.Replayed);
        Assert.True(((SlotResponse)response.AsReplayed()).Replayed);
    }

    [Fact]
    public void The_customers_view_starts_after_a_cursor_only_when_the_cursor_is_later_than_now()
    {
        var now = Now.UtcDateTime;
        var (from, to) = (DateOnly.FromDateTime(now), DateOnly.FromDateTime(now).AddDays(30));

        Assert.Equal(now.AddHours(1), new AvailableSlotsCriteria("ann@example.com", from, to, now, now.AddHours(1), 10).Earliest);
        Assert.Equal(now, new AvailableSlotsCriteria("ann@example.com", from, to, now, now, 10).Earliest);
        Assert.Equal(now, new AvailableSlotsCriteria("ann@example.com", from, to, now, now.AddHours(-1), 10).Earliest);
        Assert.Equal(now, new AvailableSlotsCriteria("ann@example.com", from, to, now, null, 10).Earliest);
    }
}
