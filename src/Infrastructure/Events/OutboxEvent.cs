namespace Slots.Infrastructure.Events;

/// <summary>
/// One row of the transactional outbox (<c>events</c>), inserted with the change it reports. Besides these columns the
/// table has <c>tx</c> (the writing transaction's id) and <c>seq</c> (an identity), which the database fills in and
/// only the feed reads: a row's position is (tx, seq). See <see cref="EventFeed"/>.
/// </summary>
internal sealed class OutboxEvent(Guid id, string type, Guid subject, DateTime time, string data)
{
    /// <summary>The CloudEvents <c>id</c> (a version 7 UUID).</summary>
    public Guid Id { get; private set; } = id;

    public string Type { get; private set; } = type;

    /// <summary>The slot the event is about.</summary>
    public Guid Subject { get; private set; } = subject;

    public DateTime Time { get; private set; } = time;

    /// <summary>The event's <c>data</c>, JSON as the API writes it.</summary>
    public string Data { get; private set; } = data;
}
