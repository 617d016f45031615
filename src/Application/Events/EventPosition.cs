using System.Globalization;

namespace Slots.Application.Events;

/// <summary>
/// Where an event stands in the feed: the id of the transaction that wrote it, then its sequence number. The feed
/// hands out only events of transactions older than every transaction still running, so it grows by appending in
/// this order and a reader that goes on from the last position it saw misses nothing and sees nothing twice.
/// Written <c>{tx}-{seq}</c>.
/// </summary>
public readonly record struct EventPosition(ulong Tx, long Seq)
{
    /// <summary>Before every event.</summary>
    public static readonly EventPosition Start = new(0, 0);

    /// <summary>Longer than any position <see cref="ToString"/> writes.</summary>
    public const int MaxLength = 48;

    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{Tx}-{Seq}");

    public static bool TryParse(string? text, out EventPosition position)
    {
        position = Start;
        if (text is null || text.Length > MaxLength)
        {
            return false;
        }

        var dash = text.IndexOf('-', StringComparison.Ordinal);
        if (dash <= 0
            || !ulong.TryParse(text.AsSpan(0, dash), NumberStyles.None, CultureInfo.InvariantCulture, out var tx)
            || !long.TryParse(text.AsSpan(dash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var seq))
        {
            return false;
        }

        position = new EventPosition(tx, seq);
        return true;
    }
}
