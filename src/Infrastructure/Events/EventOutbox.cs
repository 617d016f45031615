using System.Text.Json;
using Slots.Application.Common.Json;
using Slots.Application.Events;
using Slots.Infrastructure.Persistence;

namespace Slots.Infrastructure.Events;

/// <summary>
/// Adds the event to the command's context, so <c>SaveChanges</c> inserts it in the batch that carries the command's
/// changes and <c>COMMIT</c> (no round trip of its own). A retried command starts on a clean context, events included.
/// The events of one command take their places in the feed in the order they were added: EF inserts a batch's rows of
/// one table in key order, so each id is made greater than the one before (a version 7 id is random within its
/// millisecond).
/// </summary>
internal sealed class EventOutbox(SlotsDbContext db, TimeProvider clock) : IEventOutbox
{
    private Guid _last;

    public Guid Add(string type, Guid subject, object data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var now = clock.GetUtcNow();
        var id = Guid.CreateVersion7(now);
        _last = id = id.CompareTo(_last) > 0 ? id : After(_last);
        db.Set<OutboxEvent>().Add(new OutboxEvent(
            id, type, subject, now.UtcDateTime, JsonSerializer.Serialize(data, data.GetType(), WireJson.Options)));
        return id;
    }

    /// <summary>The id right after <paramref name="id"/> in their order (the order of their text): its last bytes counted up by one.</summary>
    internal static Guid After(Guid id)
    {
        var bytes = id.ToByteArray(bigEndian: true);
        for (var i = bytes.Length - 1; i >= 0 && ++bytes[i] == 0; i--)
        {
        }

        return new Guid(bytes, bigEndian: true);
    }
}
