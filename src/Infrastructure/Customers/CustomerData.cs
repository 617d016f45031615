using Microsoft.EntityFrameworkCore;
using Slots.Application.Customers;
using Slots.Infrastructure.Persistence;

namespace Slots.Infrastructure.Customers;

/// <summary>
/// Erasure in SQL, in the command's transaction. The customer's emails and names are read from their bookings first.
/// The events an older release wrote with them (a booking's, and its slot's list of bookings) and the stored answers of
/// idempotent requests (a booking's confirmation) hold a name only beside the email, so those that hold the email are
/// the ones scrubbed: the email and the name replaced as whole JSON strings in events, the answers deleted. Both searches
/// read their table through: an erasure is rare, and neither table is indexed by customer.
/// </summary>
internal sealed class CustomerData(SlotsDbContext db) : ICustomerData
{
    /// <summary>What erased bookings say instead (a reserved domain, RFC 2606).</summary>
    public const string ErasedEmail = "erased@erased.invalid";

    public const string ErasedName = "(erased)";

    private const string EventsSql = """
        UPDATE events
        SET data = replace(replace(data::text, to_json({0}::text)::text, to_json({2}::text)::text),
                           to_json({1}::text)::text, to_json({3}::text)::text)::json
        WHERE strpos(data::text, to_json({0}::text)::text) > 0
        """;

    private const string AnswersSql = "DELETE FROM idempotency_keys WHERE strpos(body, to_json({0}::text)::text) > 0";

    private const string BookingsSql = "UPDATE bookings SET customer_email = {1}, customer_name = {2} WHERE customer_id = {0}";

    /// <summary>
    /// The customer's places in line end (a freed seat would otherwise book an erased customer), their slots' lines shorten,
    /// and then every entry of theirs keeps only the erased email and name (<see cref="WaitlistNamesSql"/>).
    /// </summary>
    private static readonly string WaitlistSql = $$"""
        WITH ended AS (
            UPDATE waitlist_entries SET status = {{ColumnTexts.WaitlistStatuses.Sql(Domain.Slots.WaitlistStatus.Left)}}, ended_at = now()
            WHERE customer_id = {0} AND status = {{ColumnTexts.WaitlistStatuses.Sql(Domain.Slots.WaitlistStatus.Waiting)}}
            RETURNING slot_id)
        UPDATE slots s SET waiting_count = s.waiting_count - e.n, version = s.version + 1
        FROM (SELECT slot_id, count(*)::int AS n FROM ended GROUP BY slot_id) e WHERE s.id = e.slot_id
        """;

    private const string WaitlistNamesSql = "UPDATE waitlist_entries SET customer_email = {1}, customer_name = {2} WHERE customer_id = {0}";

    /// <summary>
    /// The notifications' copies of their bookings (a cancellation's, written by its transaction): without one, a notification
    /// whose booking is gone is not sent. Run after the bookings' update, which waits for a cancellation holding one of them,
    /// so it sees that cancellation's copies; a cancellation after it copies the erased booking.
    /// </summary>
    private const string NotificationsSql = "UPDATE notifications SET snapshot = NULL WHERE customer_id = {0} AND snapshot IS NOT NULL";

    /// <summary>The customer's calendar feed (of any issuer's account with that id): its URL would go on serving their history.</summary>
    private static readonly string FeedSql = $"DELETE FROM calendar_feeds WHERE kind = '{ColumnTexts.CalendarKinds.Text(Application.Calendars.CalendarKind.Customer)}' AND subject = {{0}}";

    public async Task<int> LiveBookingsAsync(string customerId, DateTime now, CancellationToken cancellationToken) =>
        await db.Slots.AsNoTracking()
            .Where(s => s.EndsAt > now)
            .SelectMany(s => s.Bookings)
            .CountAsync(b => b.CustomerId == customerId && b.CancelledAt == null, cancellationToken);

    public async Task<ErasureResponse> EraseAsync(string customerId, CancellationToken cancellationToken)
    {
        var held = await db.Slots.AsNoTracking()
            .SelectMany(s => s.Bookings)
            .Where(b => b.CustomerId == customerId)
            .Select(b => new { b.CustomerEmail, b.CustomerName })
            .Distinct()
            .ToListAsync(cancellationToken);
        var (events, answers) = (0, 0);
        foreach (var person in held)
        {
            events += await db.Database.ExecuteSqlRawAsync(
                EventsSql, [person.CustomerEmail, person.CustomerName, ErasedEmail, ErasedName], cancellationToken);
            answers += await db.Database.ExecuteSqlRawAsync(AnswersSql, [person.CustomerEmail], cancellationToken);
        }

        var bookings = await db.Database.ExecuteSqlRawAsync(BookingsSql, [customerId, ErasedEmail, ErasedName], cancellationToken);
        await db.Database.ExecuteSqlRawAsync(WaitlistSql, [customerId], cancellationToken);
        await db.Database.ExecuteSqlRawAsync(WaitlistNamesSql, [customerId, ErasedEmail, ErasedName], cancellationToken);
        await db.Database.ExecuteSqlRawAsync(NotificationsSql, [customerId], cancellationToken);
        await db.Database.ExecuteSqlRawAsync(FeedSql, [customerId], cancellationToken);
        return new ErasureResponse(customerId, bookings, events, answers);
    }
}
