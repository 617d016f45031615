using System.Collections.Concurrent;
using System.Data.Common;
using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Npgsql;
using Slots.Application.Common;
using Slots.Application.Slots;
using Slots.Application.Slots.BookSlot;
using Slots.Domain.Slots;

namespace Slots.Infrastructure.Persistence;

/// <summary>
/// Loads the <see cref="Slot"/> aggregate for commands, each load behind the locks it needs, and adds and removes slots.
/// The locks are sent in front of the load, in the same round trip (<see cref="CommandRoundTrips"/>); always the slot's
/// row first, then a customer, so no two commands wait for each other in opposite orders. It never commits.
/// </summary>
internal sealed class SlotRepository(SlotsDbContext db) : ISlotRepository
{
    /// <summary>
    /// The slot's row lock, which every command on a slot takes before it reads anything: concurrent commands on one slot,
    /// in any process, queue here, and the load behind it runs once the lock is granted and sees what the previous holder
    /// committed.
    /// </summary>
    private const string LockSlotSql = "SELECT 1 FROM slots WHERE id = @lock_slot FOR UPDATE";

    /// <summary>
    /// A booking's customer, after the slot's row: their lock, so that two bookings of one customer count one after the
    /// other and a booking limit cannot be passed by racing.
    /// </summary>
    private static readonly string LockCustomerSql = "SELECT 1 FROM " + AdvisoryLocks.Customer("@lock_customer");

    /// <summary>Then the customer's live bookings of slots still to come: in all, and with this slot's specialist.</summary>
    private const string CountCustomerSql = """
        SELECT count(*)::int, (count(*) FILTER (WHERE s.specialist_issuer = o.specialist_issuer AND s.specialist_id = o.specialist_id))::int
        FROM bookings b JOIN slots s ON s.id = b.slot_id LEFT JOIN slots o ON o.id = @lock_slot
        WHERE b.customer_id = @lock_customer AND b.cancelled_at IS NULL AND s.starts_at > @lock_now
        """;

    /// <summary>
    /// The policy of the slot's owner, from their handle (<see cref="SpecialistPolicies"/>); no row when the handle is not
    /// theirs (an import's, an admin's slot under an unclaimed email), and the default applies.
    /// </summary>
    private const string OwnerPolicySql = """
        SELECT h.booking_notice_minutes, h.cancel_notice_minutes, h.cancellation_reason, h.reschedule_notice_minutes, h.waitlist
        FROM slots s JOIN specialists h ON h.email = s.specialist_email AND h.issuer = s.specialist_issuer AND h.subject = s.specialist_id
        WHERE s.id = @lock_slot
        """;

    /// <summary>A group's customers, in the order given (an array is unnested in order, each lock taken on its row), after the slot's row.</summary>
    private static readonly string LockCustomersSql =
        $"SELECT count(*) FROM unnest(@lock_customers) AS c(id) CROSS JOIN LATERAL {AdvisoryLocks.Customer("c.id")} AS l";

    /// <summary>Then each of them counted as <see cref="CountCustomerSql"/> counts one: two arrays, in the customers' order.</summary>
    private const string CountCustomersSql = """
        SELECT array_agg(t.total ORDER BY c.n), array_agg(t.with_specialist ORDER BY c.n)
        FROM unnest(@lock_customers) WITH ORDINALITY AS c(id, n)
        CROSS JOIN LATERAL (
            SELECT count(*)::int AS total,
                   (count(*) FILTER (WHERE s.specialist_issuer = o.specialist_issuer AND s.specialist_id = o.specialist_id))::int AS with_specialist
            FROM bookings b JOIN slots s ON s.id = b.slot_id LEFT JOIN slots o ON o.id = @lock_slot
            WHERE b.customer_id = c.id AND b.cancelled_at IS NULL AND s.starts_at > @lock_now) t
        """;

    /// <summary>
    /// Then the ids of their live bookings of the slot, in one row. Each customer's live bookings are read through the
    /// customer's index alone (a customer has few), the slot filtered after them: behind <c>OFFSET 0</c> no plan can take
    /// the slot's condition into the scan. Given both conditions, the generic plan of the API's sessions read the slot's
    /// index and filtered on the customer (<c>ix_bookings_slot</c>: a slot parameter looks like a slot of a few bookings),
    /// 2,738 rows per customer at the bench's hot slot; as one filter on the slot (<c>customer_id = ANY(...)</c>), every
    /// live booking of the slot (70 ms at 54,000).
    /// </summary>
    internal const string LiveBookingIdsSql = """
        SELECT array_agg(b.id) FROM unnest(@lock_customers) AS c(id)
        CROSS JOIN LATERAL (
            SELECT x.id FROM (SELECT id, slot_id FROM bookings WHERE customer_id = c.id AND cancelled_at IS NULL OFFSET 0) x
            WHERE x.slot_id = @lock_slot LIMIT 1) b
        """;

    /// <summary>Then the customer's waiting entries for slots still to come, against their limit.</summary>
    private static readonly string CountWaitingSql = $"""
        SELECT count(*)::int FROM waitlist_entries w JOIN slots s ON s.id = w.slot_id
        WHERE w.customer_id = @lock_customer AND w.status = {ColumnTexts.WaitlistStatuses.Sql(WaitlistStatus.Waiting)} AND s.starts_at > @lock_now
        """;

    /// <summary>Then the customer's live holds, of any slot, against their limit.</summary>
    private static readonly string CountHoldingSql = $"""
        SELECT count(*)::int FROM seat_holds
        WHERE customer_id = @lock_customer AND status = {ColumnTexts.HoldStatuses.Sql(HoldStatus.Live)} AND expires_at > @lock_now
        """;

    /// <summary>A move's two slots, in id order, like a series' (<see cref="LockSeriesSql"/>).</summary>
    private const string LockSlotsSql = "SELECT 1 FROM slots WHERE id = ANY(@lock_slots) ORDER BY id FOR UPDATE";

    /// <summary>A specialist's schedule, taken by every create and change of times (and by the import).</summary>
    private static readonly string LockScheduleSql = "SELECT 1 AS \"Value\" FROM " + AdvisoryLocks.Schedule("@lock_email");

    /// <summary>Every slot of a series, in id order, so two commands on one series queue rather than deadlock.</summary>
    private const string LockSeriesSql = "SELECT id AS \"Value\" FROM slots WHERE series_id = @lock_series ORDER BY id FOR UPDATE";

    // Compiled once per model: every command runs one of these, and an ordinary LINQ query would have its
    // expression tree built, walked for parameters and hashed for EF's query cache on each call (a fifth of a
    // booking's API CPU: docs/performance.md). A compiled query refuses a context with another model (the tests build some).
    private static readonly ConcurrentDictionary<IModel, Func<SlotsDbContext, Guid, CancellationToken, Task<Slot?>>>
        LoadSlot = new();

    private static readonly ConcurrentDictionary<IModel, Func<SlotsDbContext, Guid, CancellationToken, Task<Slot?>>>
        LoadSlotWithLiveBookings = new();

    private static readonly ConcurrentDictionary<IModel, Func<SlotsDbContext, Guid, string, CancellationToken, Task<Slot?>>>
        LoadSlotWithCustomersWaiting = new();

    public Task<Slot?> GetForUpdateAsync(Guid slotId, SlotLoad load, CancellationToken cancellationToken)
    {
        EnsureInTransaction();
        if (load.CustomerId is { } customerId)
        {
            var booked = new LiveBookingLookup(slotId, [customerId]);
            db.RoundTrips.SendBeforeNextQuery(LockSlot(slotId), booked.Statement);
            return LoadWithFoundBookingsAsync(() => LoadSlotAsync(slotId, cancellationToken), booked, cancellationToken);
        }

        db.RoundTrips.SendBeforeNextQuery(LockSlot(slotId));
        return LoadLockedAsync(() => load switch
        {
            { AllLive: true } => LoadSlotWithLiveBookings.GetOrAdd(db.Model, static _ => EF.CompileAsyncQuery(
                (SlotsDbContext db, Guid slotId, CancellationToken _) =>
                    db.Slots
                        .Include(s => s.Bookings.Where(b => b.CancelledAt == null))
                        .SingleOrDefault(s => s.Id == slotId)))(db, slotId, cancellationToken),
            _ => LoadSlotAsync(slotId, cancellationToken),
        }, cancellationToken);
    }

    public async Task<(Slot? Slot, LiveBookingCounts Held, BookingPolicy SpecialistPolicy)> GetForBookingAsync(
        Guid slotId, string customerId, DateTime now, CancellationToken cancellationToken)
    {
        var (slot, held, _, policy) = await GetForBookingAsync(slotId, customerId, now, countHolds: false, cancellationToken);
        return (slot, held, policy);
    }

    public async Task<(Slot? Slot, IReadOnlyDictionary<string, LiveBookingCounts> Held, BookingPolicy SpecialistPolicy)> GetForGroupBookingAsync(
        Guid slotId, IReadOnlyList<string> customerIds, DateTime now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(customerIds);
        EnsureInTransaction();
        string[] customers = [.. customerIds];
        var held = new Dictionary<string, LiveBookingCounts>(StringComparer.Ordinal);
        var policy = BookingPolicy.Default;
        var booked = new LiveBookingLookup(slotId, customers);
        NpgsqlParameter[] group =
        [
            new NpgsqlParameter<Guid>("lock_slot", slotId),
            new NpgsqlParameter<string[]>("lock_customers", customers),
            new NpgsqlParameter<DateTime>("lock_now", now),
        ];
        db.RoundTrips.SendBeforeNextQuery(
            LockSlot(slotId),
            new(LockCustomersSql, group),
            new(CountCustomersSql, group, row =>
            {
                var (totals, withSpecialist) = (row.GetFieldValue<int[]>(0), row.GetFieldValue<int[]>(1));
                for (var i = 0; i < customers.Length; i++)
                {
                    held[customers[i]] = new LiveBookingCounts(totals[i], withSpecialist[i]);
                }
            }),
            new(OwnerPolicySql, group, row => policy = OwnerPolicy(row)),
            booked.Statement);
        var slot = await LoadWithFoundBookingsAsync(() => LoadSlotAsync(slotId, cancellationToken), booked, cancellationToken);
        return (slot, held.Count == customers.Length ? held : throw StatementsNotSent(), policy);
    }

    public async Task<(Slot? From, Slot? To, BookingPolicy SpecialistPolicy)> GetForMoveAsync(
        Guid fromSlotId, Guid toSlotId, string customerId, CancellationToken cancellationToken)
    {
        EnsureInTransaction();
        var policy = BookingPolicy.Default;
        // The target's owner's policy: the one a new booking of the target would take.
        NpgsqlParameter[] target = [new NpgsqlParameter<Guid>("lock_slot", toSlotId)];
        var (bookedFrom, bookedTo) = (new LiveBookingLookup(fromSlotId, [customerId]), new LiveBookingLookup(toSlotId, [customerId]));
        db.RoundTrips.SendBeforeNextQuery(
            new(LockSlotsSql, [new NpgsqlParameter<Guid[]>("lock_slots", [fromSlotId, toSlotId])]),
            new(LockCustomerSql, [new NpgsqlParameter<string>("lock_customer", customerId)]),
            new(OwnerPolicySql, target, row => policy = OwnerPolicy(row)),
            bookedFrom.Statement,
            bookedTo.Statement);
        var from = await LoadLockedAsync(() => LoadSlotAsync(fromSlotId, cancellationToken), cancellationToken);
        var to = await LoadSlotAsync(toSlotId, cancellationToken);
        await LoadLiveHoldsAsync(to, cancellationToken);
        // Both slots' bookings of the customer in one round trip (a booking of a slot that is not there cannot be).
        await LoadBookedAsync([.. bookedFrom.Ids, .. bookedTo.Ids], cancellationToken);
        return (from, to, policy);
    }

    public async Task<(Slot? Slot, int Waiting, BookingPolicy SpecialistPolicy)> GetForWaitlistAsync(
        Guid slotId, string customerId, DateTime now, CancellationToken cancellationToken)
    {
        EnsureInTransaction();
        int? waiting = null;
        var policy = BookingPolicy.Default;
        var customer = CustomerParameters(slotId, customerId, now);
        var booked = new LiveBookingLookup(slotId, [customerId]);
        db.RoundTrips.SendBeforeNextQuery(
            LockSlot(slotId),
            new(LockCustomerSql, customer),
            new(CountWaitingSql, customer, row => waiting = row.GetInt32(0)),
            new(OwnerPolicySql, customer, row => policy = OwnerPolicy(row)),
            booked.Statement);
        // The customer's waiting entry with the slot: the waiting line's unique index names both the slot and the customer.
        var slot = await LoadWithFoundBookingsAsync(() => LoadSlotWithCustomersWaiting.GetOrAdd(db.Model, static _ => EF.CompileAsyncQuery(
            (SlotsDbContext db, Guid slotId, string customerId, CancellationToken _) =>
                db.Slots
                    .Include(s => s.Waitlist.Where(e => e.CustomerId == customerId && e.Status == WaitlistStatus.Waiting))
                    .SingleOrDefault(s => s.Id == slotId)))(db, slotId, customerId, cancellationToken), booked, cancellationToken);
        return (slot, waiting ?? throw StatementsNotSent(), policy);
    }

    public Task<(Slot? Slot, LiveBookingCounts Held, int Holding, BookingPolicy SpecialistPolicy)> GetForHoldAsync(
        Guid slotId, string customerId, DateTime now, CancellationToken cancellationToken) =>
        GetForBookingAsync(slotId, customerId, now, countHolds: true, cancellationToken);

    /// <summary>
    /// A booking's load (<see cref="GetForBookingAsync(Guid, string, DateTime, CancellationToken)"/>), and for a hold the
    /// customer's live holds counted too: the row lock, the customer's lock and counts, the owner's policy, then the load,
    /// in one round trip.
    /// </summary>
    private async Task<(Slot? Slot, LiveBookingCounts Held, int Holding, BookingPolicy SpecialistPolicy)> GetForBookingAsync(
        Guid slotId, string customerId, DateTime now, bool countHolds, CancellationToken cancellationToken)
    {
        EnsureInTransaction();
        LiveBookingCounts? held = null;
        var holding = 0;
        var policy = BookingPolicy.Default;
        var booked = new LiveBookingLookup(slotId, [customerId]);
        var customer = CustomerParameters(slotId, customerId, now);
        db.RoundTrips.SendBeforeNextQuery(
        [
            LockSlot(slotId),
            new(LockCustomerSql, customer),
            new(CountCustomerSql, customer, row => held = new LiveBookingCounts(row.GetInt32(0), row.GetInt32(1))),
            .. countHolds ? [new CommandRoundTrips.Statement(CountHoldingSql, customer, row => holding = row.GetInt32(0))] : Array.Empty<CommandRoundTrips.Statement>(),
            new(OwnerPolicySql, customer, row => policy = OwnerPolicy(row)),
            booked.Statement,
        ]);
        var slot = await LoadWithFoundBookingsAsync(() => LoadSlotAsync(slotId, cancellationToken), booked, cancellationToken);
        return (slot, held ?? throw StatementsNotSent(), holding, policy);
    }

    /// <summary>
    /// The locked slot (<see cref="LoadLockedAsync"/>) without its bookings, then the live bookings <paramref name="booked"/>
    /// found of it, by id. Loaded with the slot (a filtered include naming the slot and the customer), the generic plan read
    /// the slot's index and dropped every other customer's booking: 14,285 rows per booking at the bench's hot slot
    /// (docs/performance.md).
    /// </summary>
    private async Task<Slot?> LoadWithFoundBookingsAsync(Func<Task<Slot?>> load, LiveBookingLookup booked, CancellationToken cancellationToken)
    {
        var slot = await LoadLockedAsync(load, cancellationToken);
        if (slot is not null)
        {
            await LoadBookedAsync(booked.Ids, cancellationToken);
        }

        return slot;
    }

    /// <summary>Bookings by id, tracked, so their slot's list takes them in; a round trip only when there are any (already booked).</summary>
    private async Task LoadBookedAsync(Guid[] ids, CancellationToken cancellationToken)
    {
        if (ids is not [])
        {
            await db.Set<Booking>().Where(b => ids.Contains(b.Id)).ToListAsync(cancellationToken);
        }
    }

    /// <summary>
    /// Customers' live bookings of one slot: <see cref="LiveBookingIdsSql"/> in the round trip of the locks (its
    /// <see cref="Statement"/>), whose row gives the <see cref="Ids"/>.
    /// </summary>
    private sealed class LiveBookingLookup(Guid slotId, string[] customers)
    {
        private Guid[]? _ids;

        public CommandRoundTrips.Statement Statement => new(
            LiveBookingIdsSql,
            [new NpgsqlParameter<Guid>("lock_slot", slotId), new NpgsqlParameter<string[]>("lock_customers", customers)],
            row => _ids = row.IsDBNull(0) ? [] : row.GetFieldValue<Guid[]>(0));

        public Guid[] Ids => _ids ?? throw StatementsNotSent();
    }

    public async Task LoadHoldAsync(Slot slot, Guid holdId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(slot);
        EnsureInTransaction();
        // Tracked, so the slot's list takes it in (one it already has comes back as it is there).
        await db.Set<SeatHold>().Where(h => h.SlotId == slot.Id && h.Id == holdId).ToListAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<WaitlistEntry>> LoadWaitlistAsync(Slot slot, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(slot);
        EnsureInTransaction();
        return await db.Set<WaitlistEntry>()
            .Where(e => e.SlotId == slot.Id && e.Status == WaitlistStatus.Waiting)
            .OrderBy(e => e.Position)
            .ToListAsync(cancellationToken);
    }

    public async Task LockScheduleAsync(string specialistEmail, CancellationToken cancellationToken)
    {
        EnsureInTransaction();
        await db.Database.SqlQueryRaw<int>(LockScheduleSql, new NpgsqlParameter<string>("lock_email", specialistEmail))
            .SingleAsync(cancellationToken);
    }

    /// <summary>A row of <see cref="OwnerPolicySql"/> as the policy it stores.</summary>
    private static BookingPolicy OwnerPolicy(DbDataReader row) => new SpecialistPolicies.PolicyRow(
        row.GetInt32(0), row.GetInt32(1), row.GetString(2), row.IsDBNull(3) ? null : row.GetInt32(3), row.GetBoolean(4)).ToPolicy();

    /// <summary>What the customer's lock, counts and the owner's policy read: the slot, the customer and the moment.</summary>
    private static NpgsqlParameter[] CustomerParameters(Guid slotId, string customerId, DateTime now) =>
    [
        new NpgsqlParameter<Guid>("lock_slot", slotId),
        new NpgsqlParameter<string>("lock_customer", customerId),
        new NpgsqlParameter<DateTime>("lock_now", now),
    ];

    private static CommandRoundTrips.Statement LockSlot(Guid slotId) => new(LockSlotSql, [new NpgsqlParameter<Guid>("lock_slot", slotId)]);

    /// <summary>
    /// Runs the load the locks were sent in front of, and records how long the round trip took, waits included; then the
    /// slot's holds (<see cref="LoadLiveHoldsAsync"/>).
    /// </summary>
    private async Task<Slot?> LoadLockedAsync(Func<Task<Slot?>> load, CancellationToken cancellationToken)
    {
        var sent = Stopwatch.GetTimestamp();
        var loaded = await load();
        SlotsMetrics.LockWait.Record(SlotsMetrics.MillisecondsSince(sent));
        if (db.RoundTrips.HasStatementsAhead)
        {
            throw StatementsNotSent();
        }

        await LoadLiveHoldsAsync(loaded, cancellationToken);
        return loaded;
    }

    /// <summary>
    /// The slot's holds not ended yet, a round trip only when it has any (most slots never do): with them the slot knows
    /// which still keep a seat, where without them it would count every one as live.
    /// </summary>
    private async Task LoadLiveHoldsAsync(Slot? slot, CancellationToken cancellationToken)
    {
        if (slot is { HeldCount: > 0 })
        {
            await db.Set<SeatHold>().Where(h => h.SlotId == slot.Id && h.Status == HoldStatus.Live).ToListAsync(cancellationToken);
        }
    }

    /// <summary>A lock is held until the command's transaction ends, so outside one it would protect nothing.</summary>
    private void EnsureInTransaction()
    {
        if (db.Database.CurrentTransaction is null)
        {
            throw new InvalidOperationException("Slots are loaded for update only inside the unit of work's transaction.");
        }
    }

    private static InvalidOperationException StatementsNotSent() =>
        new($"The locks were not sent: the context's options lack {nameof(CommandRoundTrips)}.{nameof(CommandRoundTrips.Interceptor)}.");

    /// <summary>The slot's row alone.</summary>
    private Task<Slot?> LoadSlotAsync(Guid slotId, CancellationToken cancellationToken) =>
        LoadSlot.GetOrAdd(db.Model, static _ => EF.CompileAsyncQuery(
            (SlotsDbContext db, Guid slotId, CancellationToken _) => db.Slots.SingleOrDefault(s => s.Id == slotId)))(db, slotId, cancellationToken);

    public async Task<IReadOnlyList<BusyTime>> BusyTimesAsync(
        Specialist specialist, DateTime from, DateTime to, CancellationToken cancellationToken) =>
        await db.Slots.AsNoTracking()
            .Where(s => s.SpecialistEmail == specialist.Email && s.SpecialistIssuer == specialist.Issuer && s.SpecialistId == specialist.Id
                && s.StartsAt < to && s.EndsAt > from)
            .OrderBy(s => s.StartsAt)
            .Select(s => new BusyTime(s.StartsAt, s.EndsAt))
            .ToListAsync(cancellationToken);

    public async Task<bool> HoldsHandleAsync(Specialist specialist, bool claim, CancellationToken cancellationToken)
    {
        // Read as a list: composing the query would move the INSERT out of the top level. The claim's INSERT and the
        // look-up share one snapshot, so exactly one of them answers.
        var owners = await db.Database.SqlQueryRaw<HandleOwner>(
            HoldsHandleSql,
            new NpgsqlParameter<string>("handle_email", specialist.Email),
            new NpgsqlParameter<string>("handle_issuer", specialist.Issuer),
            new NpgsqlParameter<string>("handle_subject", specialist.Id),
            new NpgsqlParameter<bool>("handle_claim", claim)).ToListAsync(cancellationToken);
        return owners is [] || owners[0] == new HandleOwner(specialist.Issuer, specialist.Id);
    }

    /// <summary>The handle's owner: claimed now (when asked and free), or the one it has; none when free and not claimed.</summary>
    private const string HoldsHandleSql = """
        WITH claimed AS (
            INSERT INTO specialists (email, issuer, subject)
            SELECT @handle_email, @handle_issuer, @handle_subject WHERE @handle_claim
            ON CONFLICT (email) DO NOTHING
            RETURNING issuer, subject)
        SELECT issuer AS "Issuer", subject AS "Subject" FROM claimed
        UNION ALL
        SELECT issuer, subject FROM specialists WHERE email = @handle_email
        """;

    private sealed record HandleOwner(string Issuer, string Subject);

    public async Task<IReadOnlyList<Slot>> GetSeriesForUpdateAsync(Guid seriesId, CancellationToken cancellationToken)
    {
        EnsureInTransaction();
        // The locks first; the load then sees what the previous holders committed. A booking locks one of these rows and
        // then only its customer, so no two commands wait for each other in opposite orders.
        var locked = await db.Database.SqlQueryRaw<Guid>(LockSeriesSql, new NpgsqlParameter<Guid>("lock_series", seriesId))
            .ToListAsync(cancellationToken);
        if (locked.Count == 0)
        {
            return [];
        }

        return await db.Slots
            .Include(s => s.Bookings.Where(b => b.CancelledAt == null))
            .Where(s => s.SeriesId == seriesId)
            .OrderBy(s => s.StartsAt)
            .AsSplitQuery()
            .ToListAsync(cancellationToken);
    }

    public void Add(Slot slot) => db.Slots.Add(slot);

    public void Remove(Slot slot) => db.Slots.Remove(slot);
}
