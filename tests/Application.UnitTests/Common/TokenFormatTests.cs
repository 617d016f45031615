using Slots.Application.Calendars;
using Slots.Application.Common.Idempotency;
using Slots.Application.Events;
using Slots.Application.Specialists.FindSpecialists;

namespace Slots.Application.UnitTests.Common;

/// <summary>The strings clients hand back (feed positions, idempotency keys, calendar tokens, directory cursors): read exactly, or refused.</summary>
public class TokenFormatTests
{
    [Theory]
    [InlineData("0-0", 0UL, 0L)]
    [InlineData("18446744073709551615-9223372036854775807", ulong.MaxValue, long.MaxValue)]
    [InlineData("42-7", 42UL, 7L)]
    public void A_feed_position_reads_back_what_it_wrote(string text, ulong tx, long seq)
    {
        Assert.True(EventPosition.TryParse(text, out var position));
        Assert.Equal(new EventPosition(tx, seq), position);
        Assert.Equal(text, position.ToString());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("-1")]
    [InlineData("1-")]
    [InlineData("1")]
    [InlineData("a-1")]
    [InlineData("1-b")]
    [InlineData("+1-1")]
    [InlineData("1--1")]
    [InlineData(" 1-1")]
    [InlineData("18446744073709551616-1")]
    public void A_feed_position_that_is_not_one_is_refused_as_the_start(string? text)
    {
        Assert.False(EventPosition.TryParse(text, out var position));
        Assert.Equal(EventPosition.Start, position);
    }

    [Fact]
    public void A_feed_position_longer_than_any_written_is_refused_unread()
    {
        var longest = $"{ulong.MaxValue}-{long.MaxValue}";
        Assert.True(longest.Length <= EventPosition.MaxLength);
        Assert.True(EventPosition.TryParse(new string('0', EventPosition.MaxLength - 2) + "-1", out _));
        Assert.False(EventPosition.TryParse(new string('0', EventPosition.MaxLength - 1) + "-1", out _));
    }

    [Theory]
    [InlineData("k", true)]
    [InlineData(" ", true)]
    [InlineData("~", true)]
    [InlineData("order-42/attempt 1", true)]
    [InlineData("", false)]
    [InlineData("\u001f", false)]
    [InlineData("\u007f", false)]
    [InlineData("é", false)]
    [InlineData("key\u0007", false)]
    public void An_idempotency_key_is_printable_ascii(string key, bool valid) =>
        Assert.Equal(valid, IdempotencyKeys.IsValid(key));

    [Fact]
    public void An_idempotency_key_is_at_most_255_characters()
    {
        Assert.True(IdempotencyKeys.IsValid(new string('k', IdempotencyKeys.MaxLength)));
        Assert.False(IdempotencyKeys.IsValid(new string('k', IdempotencyKeys.MaxLength + 1)));
        Assert.Equal(TimeSpan.FromHours(24), IdempotencyKeys.Lifetime);
    }

    [Fact]
    public void A_calendar_token_is_43_url_safe_characters_and_new_each_time()
    {
        var (one, two) = (CalendarFeedToken.New(), CalendarFeedToken.New());

        Assert.True(CalendarFeedToken.IsWellFormed(one));
        Assert.NotEqual(one, two);
        Assert.Equal(CalendarFeedToken.Length, one.Length);
        Assert.True(CalendarFeedToken.IsWellFormed(new string('-', 42) + "_"));
        Assert.False(CalendarFeedToken.IsWellFormed(null));
        Assert.False(CalendarFeedToken.IsWellFormed(one[..42]));
        Assert.False(CalendarFeedToken.IsWellFormed(one + "a"));
        Assert.False(CalendarFeedToken.IsWellFormed(one[..42] + "+"));
        Assert.False(CalendarFeedToken.IsWellFormed(one[..42] + "é"));
        Assert.Equal(32, CalendarFeedToken.Hash(one).Length);
        Assert.Equal(CalendarFeedToken.Hash(one), CalendarFeedToken.Hash(one));
        Assert.NotEqual(CalendarFeedToken.Hash(one), CalendarFeedToken.Hash(two));
    }

    [Theory]
    [InlineData(true, "Ann", "ann@example.com")]
    [InlineData(false, "", "z@example.com")]
    public void A_directory_cursor_reads_back_what_it_wrote(bool open, string name, string email)
    {
        Assert.True(DirectoryCursor.TryDecode(new DirectoryCursor(open, name, email).Encode(), out var cursor));
        Assert.Equal(new DirectoryCursor(open, name, email), cursor);
    }

    [Fact]
    public void A_cursor_at_the_limits_fits_its_length_and_a_longer_one_is_refused_unread()
    {
        var longest = new DirectoryCursor(true, new string('名', 100), new string('a', 244) + "@example.com").Encode();

        Assert.True(longest.Length <= DirectoryCursor.MaxLength, $"{longest.Length}");
        Assert.False(DirectoryCursor.TryDecode(new string('A', DirectoryCursor.MaxLength + 1), out _));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("not base64 !")]
    [InlineData("e30")] // {}
    [InlineData("W3RydWUsIkFubiJd")] // [true,"Ann"]
    [InlineData("WyJ5ZXMiLCJBbm4iLCJhQGV4YW1wbGUuY29tIl0")] // ["yes","Ann","a@example.com"]
    [InlineData("W3RydWUsMSwiYUBleGFtcGxlLmNvbSJd")] // [true,1,"a@example.com"]
    [InlineData("W3RydWUsIkFubiIsMV0")] // [true,"Ann",1]
    [InlineData("W3RydWUsIkFubiIsImFAZXhhbXBsZS5jb20iLDFd")] // four parts
    [InlineData("W3RydWUs")] // broken JSON
    [InlineData("_w")] // not UTF-8
    public void A_tampered_directory_cursor_is_refused(string? text)
    {
        Assert.False(DirectoryCursor.TryDecode(text, out var cursor));
        Assert.Equal(new DirectoryCursor(false, "", ""), cursor);
    }
}
