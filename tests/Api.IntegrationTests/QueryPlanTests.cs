using System.Data.Common;
using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Npgsql;
using Slots.Api.IntegrationTests.Infrastructure;
using Slots.Application.Slots;
using Slots.Application.Slots.BookSlot;
using Slots.Application.Slots.ListAvailableSlots;
using Slots.Application.Slots.ListSpecialistSlots;
using Slots.Domain.Slots;
using Slots.Infrastructure.Events;
using Slots.Infrastructure.Notifications;
using Slots.Infrastructure.Persistence;
using Slots.Infrastructure.Webhooks;

namespace Slots.Api.IntegrationTests;

/// <summary>
/// The list queries must stay index scans for a specialist with thousands of slots among many others, and
/// a booking must lock its slot before it reads anything and must not read the bookings of other customers.
/// The SQL checked is the SQL EF Core really sends, captured on its way out and run under EXPLAIN, or for the customers'
/// view the statement the reader sends.
/// </summary>
[Collection(ApiCollection.Name)]
public class QueryPlanTests(SlotsApiFactory factory) : ApiTestBase(factory)
{
    /// <summary>A bookings subquery joined to the slot's load: EF's filtered include, whose generic plan read the slot's index.</summary>
    private static readonly Regex BookingsJoinedToTheSlot = new(@"LEFT JOIN \(\s*SELECT[^;]*FROM bookings");

    [Fact]
    public async Task Both_lists_use_the_specialist_start_index()
    {
        var busy = NewSpecialist();
        await SeedAsync(busy, busySlots: 3000, others: 200, otherSlots: 50);
        var capture = new CommandCapture();
        await using var db = Factory.NewDbContext(interceptors: capture);
        var clock = new FakeTimeProvider(Factory.Clock.GetUtcNow());

        var available = await new ListAvailableSlotsHandler(new SlotReader(db, new DatabaseCircuit(), new ReadGate(8)), clock)
            .Handle(new ListAvailableSlotsQuery(busy, null, null, null, null), default);
        // The customers' view is a statement of its own (AvailableSlotsStatement), with the handler's default values.
        var now = clock.GetUtcNow().UtcDateTime;
        var today = DateOnly.FromDateTime(now);
        await using var statement = AvailableSlotsStatement.Command(
            new NpgsqlConnection(), new AvailableSlotsCriteria(busy, today, today.AddDays(ListAvailableSlotsQuery.DefaultRangeDays), now, null, 101));
        var availablePlan = await ExplainAsync((statement.CommandText, [.. statement.Parameters.Select(p => p.Clone())]));
        var all = await new ListSpecialistSlotsHandler(new SlotReader(db, new DatabaseCircuit(), new ReadGate(8)), FixedUser.Admin, clock)
            .Handle(new ListSpecialistSlotsQuery(busy, 50, null), default);
        var allPlan = await ExplainAsync(capture.Last!.Value);

        Assert.NotEmpty(available.Items);
        Assert.Equal(50, all.Items.Count);
        // The time window is served by the index (an Index Cond on starts_at), not filtered row by row; the handle's owner
        // is a filter on those rows, not a condition that sends the planner to the overlap constraint's index.
        Assert.True(availablePlan.Contains("ix_slots_specialist_starts", StringComparison.Ordinal), availablePlan);
        Assert.Matches(@"Index Cond: .*specialist_email.*starts_at >", availablePlan);
        Assert.DoesNotContain("ex_slots_no_overlap", availablePlan);
        Assert.DoesNotContain("Seq Scan on slots", availablePlan);
        Assert.True(allPlan.Contains("Index Scan using ix_slots_specialist_starts", StringComparison.Ordinal), allPlan);
        Assert.DoesNotContain("Seq Scan on slots", allPlan);
    }

    [Fact]
    public async Task A_booking_is_two_round_trips_the_lock_before_its_customers_booking_and_commit_with_the_changes_and_its_event()
    {
        var slot = Id(await CreateSlotAsync(NewSpecialist(), days: 3, capacity: 50)); // both reminders ahead
        for (var i = 0; i < 20; i++)
        {
            Assert.Equal(HttpStatusCode.Created, (await BookAsync(Client, slot, $"earlier-{i}")).StatusCode);
        }

        var capture = new CommandCapture();
        await using var db = Factory.NewDbContext(interceptors: capture);
        var handler = BookingHandlerOver(db);
        await new UnitOfWork(db, new DatabaseCircuit()).ExecuteAsync(
            ct => handler.Handle(new BookSlotCommand(slot, "latest", "latest@x.io", "Latest"), ct).AsTask(), default);

        // Two round trips in all. The first carries the transaction id, the row lock in a statement of its own, then the
        // load of the slot and of this customer's booking only; the second carries the changes and COMMIT.
        var commands = capture.All.Select(c => c.Sql).ToList();
        Assert.Equal(2, commands.Count);
        var loading = commands[0];
        var lockEnd = loading.IndexOf("FOR UPDATE;", StringComparison.Ordinal);
        Assert.True(lockEnd > 0, loading);
        Assert.Contains("txid_current()", loading[..lockEnd], StringComparison.Ordinal);
        Assert.DoesNotContain("bookings", loading[..lockEnd], StringComparison.Ordinal);
        Assert.Contains("FROM bookings", loading[lockEnd..], StringComparison.Ordinal);
        Assert.Contains("customer_id", loading[lockEnd..], StringComparison.Ordinal);
        // The customer's booking is found by the statement whose generic plan the group's test checks (the customer's
        // index), not joined to the slot's load: that join's generic plan read the slot's index and filtered on the customer.
        Assert.Contains(SlotRepository.LiveBookingIdsSql, loading[lockEnd..], StringComparison.Ordinal);
        Assert.False(BookingsJoinedToTheSlot.IsMatch(loading), loading);
        Assert.StartsWith("INSERT INTO bookings", commands[1].Trim(), StringComparison.Ordinal);
        Assert.Contains("INSERT INTO events", commands[1], StringComparison.Ordinal); // the outbox rides in the same batch
        Assert.Contains("INSERT INTO notifications", commands[1], StringComparison.Ordinal); // and so do its reminders
        Assert.EndsWith("COMMIT;", commands[1], StringComparison.Ordinal);
        Assert.Equal(21, await Factory.ScalarAsync<int>("SELECT booked_count FROM slots WHERE id = $1", slot));
        Assert.Equal(2L, await Factory.ScalarAsync<long>(
            "SELECT count(*) FROM notifications n JOIN bookings b ON b.id = n.booking_id WHERE b.slot_id = $1 AND b.customer_id = 'latest' AND n.kind = 'reminder'", slot));
    }

    /// <summary>
    /// Every other load of a customer's live booking (their cancel, a move's two slots, a change to their waiting place) finds
    /// it as a booking does, by the statement whose generic plan the next test checks, and loads it by id: never joined to
    /// the slot's load, whose generic plan read the slot's index and filtered on the customer.
    /// </summary>
    [Theory]
    [InlineData("cancel")]
    [InlineData("move")]
    [InlineData("waitlist")]
    public async Task Every_load_of_a_customers_booking_finds_it_by_the_customers_index_not_joined_to_the_slot(string load)
    {
        var (slot, target) = (Id(await CreateSlotAsync(NewSpecialist(), days: 3, capacity: 50)), Id(await CreateSlotAsync(NewSpecialist(), days: 4)));
        var customer = $"own-{Guid.NewGuid():N}";
        foreach (var booker in new[] { "other-1", customer, "other-2" })
        {
            Assert.Equal(HttpStatusCode.Created, (await BookAsync(Client, slot, booker)).StatusCode);
        }

        var capture = new CommandCapture();
        await using var db = Factory.NewDbContext(interceptors: capture);
        await using var transaction = await db.Database.BeginTransactionAsync();
        var repository = new SlotRepository(db);
        Slot? loaded, other = null;
        switch (load)
        {
            case "cancel":
                loaded = await repository.GetForUpdateAsync(slot, SlotLoad.LiveBookingOf(customer), default);
                break;
            case "move":
                (loaded, other, _) = await repository.GetForMoveAsync(slot, target, customer, default);
                break;
            default:
                (loaded, _, _) = await repository.GetForWaitlistAsync(slot, customer, DateTime.UtcNow, default);
                break;
        }

        Assert.Equal(customer, Assert.Single(loaded!.Bookings).CustomerId);
        Assert.Empty(other?.Bookings ?? []);
        // Once for each slot loaded; the second of a move under parameter names of its own (lock_slot_2), as two statements of a round trip name other values.
        var sent = string.Join(";\n", capture.All.Select(c => c.Sql));
        var lookups = Regex.Replace(sent, @"(@\w+)_\d+\b", "$1").Split(SlotRepository.LiveBookingIdsSql).Length - 1;
        Assert.True(lookups == (load == "move" ? 2 : 1), sent);
        Assert.False(BookingsJoinedToTheSlot.IsMatch(sent), sent);
    }

    /// <summary>
    /// A booking group's customers' bookings, in a slot with many: each customer is found through the customer's index,
    /// also in the generic plan a prepared statement settles on, which knows nothing of how many bookings this slot has.
    /// The bench's database (100,000 slots, one of them with 54,000 bookings) is imitated by its statistics: the slot
    /// column's distinct values raised, so a slot parameter looks like a slot of a booking or two. Given both conditions,
    /// that plan read the slot's index and filtered on the customer; as one filter on the slot, all of the slot's bookings.
    /// </summary>
    [Fact]
    public async Task A_booking_groups_customers_are_each_found_by_index_in_a_slot_with_many_bookings_in_the_generic_plan()
    {
        var slot = Id(await CreateSlotAsync(NewSpecialist(), days: 3, capacity: 1000));
        var tag = Guid.NewGuid().ToString("N")[..8];
        var (customer, nobody) = ($"plan-{tag}-7", $"plan-{tag}-nobody");
        await Factory.ExecuteAsync("""
            INSERT INTO bookings (id, slot_id, customer_id, customer_email, customer_name, booked_at, cancellable_until, reschedulable_until)
            SELECT gen_random_uuid(), $1, 'plan-' || $2 || '-' || g, 'plan@x.io', 'Plan', now(), now(), now() FROM generate_series(1, 900) g
            """, slot, tag);
        await Factory.ExecuteAsync("UPDATE slots SET booked_count = 900 WHERE id = $1", slot);
        await Factory.ExecuteAsync("ANALYZE bookings");
        await using var connection = new NpgsqlConnection(Factory.ConnectionString);
        await connection.OpenAsync();
        // The statistics changed in a transaction of this connection's, rolled back once the plan is read: no other test plans with them.
        await using var statistics = await connection.BeginTransactionAsync();
        var statement = SlotRepository.LiveBookingIdsSql
            .Replace("@lock_slot", "$1", StringComparison.Ordinal).Replace("@lock_customers", "$2", StringComparison.Ordinal);
        await using (var prepare = new NpgsqlCommand(
            "UPDATE pg_statistic SET stadistinct = 100000 WHERE starelid = 'bookings'::regclass "
            + "AND staattnum = (SELECT attnum FROM pg_attribute WHERE attrelid = 'bookings'::regclass AND attname = 'slot_id'); "
            + $"SET LOCAL plan_cache_mode = force_generic_plan; PREPARE group_load(uuid, text[]) AS {statement}",
            connection, statistics))
        {
            await prepare.ExecuteNonQueryAsync();
        }

        await using var explain = new NpgsqlCommand(
            $"EXPLAIN (ANALYZE, COSTS OFF) EXECUTE group_load('{slot}', ARRAY['{customer}', '{nobody}'])", connection, statistics);
        var plan = await PlanAsync(explain);

        Assert.True(Regex.IsMatch(plan, @"Index Cond: .*customer_id"), plan);
        Assert.False(plan.Contains("ix_bookings_slot", StringComparison.Ordinal), plan);
        Assert.False(plan.Contains("Rows Removed by Filter", StringComparison.Ordinal), plan);
        await statistics.RollbackAsync();

        // And the group's load finds that one booking.
        await using var db = Factory.NewDbContext();
        await using var transaction = await db.Database.BeginTransactionAsync();
        var (loaded, held, _) = await new SlotRepository(db).GetForGroupBookingAsync(slot, [customer, nobody], DateTime.UtcNow, default);
        Assert.Equal(customer, Assert.Single(loaded!.Bookings).CustomerId);
        Assert.Equal(1, held[customer].Total);
        Assert.Equal(0, held[nobody].Total);
        await AssertInvariantAsync();
    }

    [Theory]
    [InlineData("cancelled")]
    [InlineData("slot moved")]
    [InlineData("booking moved")]
    public async Task A_bookings_reminders_are_found_by_the_booking_not_among_every_pending_message(string change)
    {
        // Thousands of pending reminders, as a product sending mail has (two for every booking still ahead), in a transaction
        // rolled back at the end; ANALYZE, so that the planner prices the statement with them.
        await using var connection = new NpgsqlConnection(Factory.ConnectionString);
        await connection.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await using (var seed = new NpgsqlCommand("""
            INSERT INTO notifications (event_id, booking_id, recipient, kind, remind_before, next_attempt_at)
            SELECT gen_random_uuid(), gen_random_uuid(), 'customer', 'reminder', interval '1 day', now() + g * interval '1 minute'
            FROM generate_series(1, 5000) g;
            ANALYZE notifications
            """, connection, transaction))
        {
            await seed.ExecuteNonQueryAsync();
        }

        var (sql, parameters) = change switch
        {
            "cancelled" => (NotificationOutbox.SkipRemindersSql, new NpgsqlParameter[] { new NpgsqlParameter<Guid>("notify_booking", Guid.NewGuid()) }),
            "slot moved" => (NotificationOutbox.MovedSql, [
                new NpgsqlParameter<Guid>("notify_slot", Guid.NewGuid()),
                new NpgsqlParameter<DateTime>("notify_starts", DateTime.UtcNow.AddDays(3)),
                new NpgsqlParameter<DateTimeOffset>("notify_now", DateTimeOffset.UtcNow)]),
            _ => (NotificationOutbox.MovedBookingSql, [
                new NpgsqlParameter<Guid>("notify_booking", Guid.NewGuid()),
                new NpgsqlParameter<DateTime>("notify_starts", DateTime.UtcNow.AddDays(3)),
                new NpgsqlParameter<DateTimeOffset>("notify_now", DateTimeOffset.UtcNow)]),
        };
        await using var explain = new NpgsqlCommand("EXPLAIN " + sql, connection, transaction);
        explain.Parameters.AddRange(parameters);
        var plan = await PlanAsync(explain);

        // Every one of these runs in a command's transaction, under the slot's lock: read through the messages still due
        // (ix_notifications_due), it took 14 ms at the bench's 72,000, and grew with them.
        Assert.True(Regex.IsMatch(plan, @"Index Cond: \(booking_id = "), plan);
        Assert.DoesNotContain("Seq Scan on notifications", plan, StringComparison.Ordinal);
        Assert.DoesNotContain("ix_notifications_due", plan, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_notification_fan_out_reads_each_events_booking_id_from_its_json_once()
    {
        var plan = await ExplainAsync((NotificationQueue.FanOutSql, [new NpgsqlParameter<int> { TypedValue = NotificationQueue.Batch }]), "(VERBOSE) ");

        // Each place the plan names the extraction is a parse of the event's json per row there: it was named in the filter,
        // in each recipient's row and in the bookings' index condition, about a third of the statement's time.
        Assert.Single(Regex.Matches(plan, "'bookingId'"));
    }

    [Fact]
    public async Task The_webhook_fan_out_reads_the_events_after_its_cursor_through_the_index_and_is_not_JIT_compiled()
    {
        // Thousands of events, as after a day of bookings, in a transaction rolled back at the end.
        await using var connection = new NpgsqlConnection(Factory.ConnectionString);
        await connection.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        // ANALYZE, so that the planner prices the statement with them. The cursor's table as if never analyzed, as in a
        // new database: the planner then assumes 1,700 rows unless the statement says there is one.
        await using (var seed = new NpgsqlCommand(
            "INSERT INTO events (id, type, subject, time, data) SELECT gen_random_uuid(), 'test.plan', gen_random_uuid(), now(), '{}' FROM generate_series(1, 5000); ANALYZE events; "
            + "UPDATE pg_class SET reltuples = -1, relpages = 0 WHERE oid = 'webhook_fanout'::regclass",
            connection, transaction))
        {
            await seed.ExecuteNonQueryAsync();
        }

        await using var explain = new NpgsqlCommand("EXPLAIN " + WebhookFanOut.Sql, connection, transaction)
        {
            Parameters =
            {
                new NpgsqlParameter<int> { TypedValue = 1000 },
                new NpgsqlParameter<int> { TypedValue = 16 },
                new NpgsqlParameter<TimeSpan> { TypedValue = TimeSpan.FromSeconds(30) },
                new NpgsqlParameter<int> { TypedValue = 64 },
                new NpgsqlParameter<int> { TypedValue = 5 },
            },
        };
        var plan = await PlanAsync(explain);
        // The cursor's position bounds the index scan; compared in a join filter, every event before it was read on each poll.
        Assert.True(Regex.IsMatch(plan, @"Index Cond: .*\(ROW\(tx, seq\) > ROW\("), plan);
        Assert.DoesNotContain("Join Filter: (ROW(", plan, StringComparison.Ordinal);
        // The cursor is known to be one row, and the statement cheap enough that PostgreSQL does not JIT-compile it
        // (which took 1.2 s a poll).
        Assert.True(Regex.IsMatch(plan, @"LockRows  \(cost=[0-9.]+ rows=1 "), plan);
        Assert.False(plan.Contains("JIT:", StringComparison.Ordinal), plan);
    }

    [Fact]
    public async Task The_webhook_dispatcher_sessions_never_JIT_compile_and_keep_the_service_timeouts()
    {
        await using var connection = await Factory.Services.GetRequiredService<WebhookDatabase>().Source.OpenConnectionAsync();
        await using var show = new NpgsqlCommand("SELECT current_setting('jit'), current_setting('lock_timeout')", connection);
        await using var reader = await show.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());

        Assert.Equal("off", reader.GetString(0));
        Assert.Equal("2s", reader.GetString(1));
    }

    private async Task SeedAsync(string busy, int busySlots, int others, int otherSlots)
    {
        await Factory.ExecuteAsync(
            """
            INSERT INTO slots (id, specialist_email, date, start_time, end_time, timezone, starts_at, ends_at,
                               duration_minutes, total_capacity, booked_count, status, created_at, updated_at)
            SELECT gen_random_uuid(),
                   CASE WHEN s = 0 THEN $1 ELSE 'seed-' || s || '-' || $1 END,
                   (t.starts)::date, (t.starts)::time, (t.starts + interval '30 minutes')::time, 'UTC',
                   t.starts, t.starts + interval '30 minutes', 30, 3, 0, 'active', now(), now()
            FROM generate_series(0, $2) AS s,
                 generate_series(1, CASE WHEN s = 0 THEN $5 ELSE $3 END) AS i,
                 LATERAL (SELECT date_trunc('hour', $4::timestamptz) + i * interval '7 hours' AS starts) AS t
            """,
            busy, others, otherSlots, Factory.Clock.GetUtcNow(), busySlots);
        // Each email the handle of its slots' account, as publishing makes it.
        await Factory.ExecuteAsync(
            """
            INSERT INTO specialists (email, issuer, subject)
            SELECT DISTINCT ON (specialist_email) specialist_email, specialist_issuer, specialist_id FROM slots WHERE specialist_email LIKE '%' || $1
            ON CONFLICT (email) DO NOTHING
            """,
            busy);
        await Factory.ExecuteAsync("ANALYZE slots");
    }

    private async Task<string> ExplainAsync((string Sql, NpgsqlParameter[] Parameters) captured, string options = "")
    {
        await using var connection = new NpgsqlConnection(Factory.ConnectionString);
        await connection.OpenAsync();
        await using var explain = new NpgsqlCommand("EXPLAIN " + options + captured.Sql, connection);
        explain.Parameters.AddRange(captured.Parameters);
        return await PlanAsync(explain);
    }

    /// <summary>The plan an <c>EXPLAIN</c> command prints, one line per row.</summary>
    private static async Task<string> PlanAsync(NpgsqlCommand explain)
    {
        var lines = new List<string>();
        await using var reader = await explain.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            lines.Add(reader.GetString(0));
        }

        return string.Join('\n', lines);
    }

    private sealed class CommandCapture : DbCommandInterceptor
    {
        // Copied on the way out: EF reuses the command object afterwards.
        public List<(string Sql, NpgsqlParameter[] Parameters)> All { get; } = [];

        public (string Sql, NpgsqlParameter[] Parameters)? Last => All.Count == 0 ? null : All[^1];

        // Read once the command has run, so that the text includes what other interceptors added.
        public override ValueTask<DbDataReader> ReaderExecutedAsync(
            DbCommand command, CommandExecutedEventData eventData, DbDataReader result, CancellationToken cancellationToken = default)
        {
            Capture(command);
            return base.ReaderExecutedAsync(command, eventData, result, cancellationToken);
        }

        public override ValueTask<int> NonQueryExecutedAsync(
            DbCommand command, CommandExecutedEventData eventData, int result, CancellationToken cancellationToken = default)
        {
            Capture(command);
            return base.NonQueryExecutedAsync(command, eventData, result, cancellationToken);
        }

        private void Capture(DbCommand command) =>
            All.Add((command.CommandText, command.Parameters.Cast<NpgsqlParameter>().Select(p => p.Clone()).ToArray()));
    }
}
