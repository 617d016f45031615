using Slots.Application.Common;

namespace Slots.Application.UnitTests.Common;

public class PagingTests
{
    [Fact]
    public void A_cursor_round_trips_to_the_tick()
    {
        var startsAt = new DateTime(2030, 5, 6, 7, 8, 9, DateTimeKind.Utc).AddTicks(1234);

        Assert.True(Paging.TryDecodeCursor(Paging.EncodeCursor(startsAt), out var decoded));
        Assert.Equal(startsAt, decoded);
        Assert.Equal(DateTimeKind.Utc, decoded.Kind);
    }

    [Fact]
    public void A_cursor_with_a_tie_break_round_trips_and_stays_under_the_length_cap()
    {
        var id = Guid.NewGuid();

        var cursor = Paging.EncodeCursor(DateTime.MaxValue, id);

        Assert.True(cursor.Length <= Paging.MaxCursorLength, cursor);
        Assert.True(Paging.TryDecodeCursor(cursor, out var startsAt, out var tieBreak));
        Assert.Equal((DateTime.MaxValue.Ticks, id), (startsAt.Ticks, tieBreak));
        Assert.True(Paging.TryDecodeCursor(Paging.EncodeCursor(DateTime.UnixEpoch), out _, out var none));
        Assert.Equal(Guid.Empty, none);
    }

    [Theory]
    [InlineData("s:1:nothex")]
    [InlineData("s:1:")]
    [InlineData("s::00000000000000000000000000000000")]
    [InlineData("s:-1")]
    public void A_tampered_cursor_is_refused(string text) =>
        Assert.False(Paging.TryDecodeCursor(System.Buffers.Text.Base64Url.EncodeToString(System.Text.Encoding.UTF8.GetBytes(text)), out _));

    [Fact]
    public void The_extra_row_becomes_the_next_cursor()
    {
        var rows = Enumerable.Range(1, 4).Select(d => new DateTime(2030, 1, d, 0, 0, 0, DateTimeKind.Utc)).ToList();

        var page = Paging.ToPage(rows, 3, d => d);

        Assert.Equal(3, page.Items.Count);
        Assert.True(Paging.TryDecodeCursor(page.NextCursor, out var next));
        Assert.Equal(rows[2], next);
    }

    [Fact]
    public void A_short_page_is_the_last() =>
        Assert.Null(Paging.ToPage([DateTime.UnixEpoch], 3, d => d).NextCursor);
}
