using System.Text.Json;
using Slots.Application.Common.Json;
using Slots.Application.Events;
using Slots.Infrastructure.Persistence;

namespace Slots.Infrastructure.Events;

/// <summary>
/// Adds the event to the command's context, so <c>SaveChanges</c> inserts it in the batch that carries the command's
/// changes and <c>COMMIT</c> (no round trip of its own). A retried command starts on a clean context, events included.
/// </summary>
internal sealed class EventOutbox(SlotsDbContext db, TimeProvider clock) : IEventOutbox
{
    public Guid Add(string type, Guid subject, object data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var now = clock.GetUtcNow();
        var id = Guid.CreateVersion7(now);
        db.Set<OutboxEvent>().Add(new OutboxEvent(
            id, type, subject, now.UtcDateTime, JsonSerializer.Serialize(data, data.GetType(), WireJson.Options)));
        return id;
    }
}
