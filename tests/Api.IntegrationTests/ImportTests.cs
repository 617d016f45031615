using System.Diagnostics;
using System.Text;
using Slots.Api.IntegrationTests.Infrastructure;
using Slots.Infrastructure.Persistence;
using Xunit.Abstractions;

namespace Slots.Api.IntegrationTests;

/// <summary>
/// <c>./slots import</c> runs the API as <c>dotnet Slots.Api.dll import FILE [--apply]</c>: each test on a database of
/// its own, migrated and empty, through the real command line (its report, its exit code).
/// </summary>
[Collection(ApiCollection.Name)]
public class ImportTests(SlotsApiFactory factory, ITestOutputHelper output) : ApiTestBase(factory), IAsyncLifetime
{
    private static readonly string Sample = Path.Combine(Repository.Root, "docs", "migration", "consulting-slots.ndjson");

    private readonly string _database = $"slots_import_{Guid.NewGuid():N}";
    private string _connection = "";

    /// <summary>Every broken document of the sample: its line, the end of its _id, and the code the dry run must give it.</summary>
    private static readonly (int Line, string Id, string Code)[] SampleRefusals =
    [
        (4, "04", "unknown_time_zone"), (5, "05", "invalid_field"), (6, "06", "nonexistent_local_time"),
        (7, "07", "end_not_after_start"), (8, "08", "slot_overlaps"), (9, "09", "slot_over_capacity"),
        (10, "0a", "duplicate_customer"), (12, "0c", "invalid_field"), (13, "01", "duplicate_id"), (14, "0d", "invalid_field"),
        (15, "0e", "invalid_capacity"), (16, "0f", "invalid_field"),
    ];

    public async Task InitializeAsync()
    {
        _connection = await Factory.CreateDatabaseAsync(_database);
        var (exit, _, errors) = await RunAsync("migrate");
        Assert.True(exit == 0, errors);
    }

    public Task DisposeAsync() => Factory.DropDatabaseAsync(_database);

    [Fact]
    public async Task The_dry_run_of_the_sample_reports_every_broken_document_by_line_and_writes_nothing()
    {
        var (exit, report, _) = await RunAsync("import", Sample);

        Assert.Equal(0, exit);
        Assert.Contains("16 documents read (dry run", report, StringComparison.Ordinal);
        Assert.Contains("would import: 3 slots with 4 bookings, for 2 specialists", report, StringComparison.Ordinal);
        Assert.Contains("refused: 13", report, StringComparison.Ordinal);
        foreach (var (line, id, code) in SampleRefusals)
        {
            Assert.Contains($"    line {line} (_id 65f1a2b3c4d5e6f708192a{id}): {code}: ", report, StringComparison.Ordinal);
        }

        // A line that is not a document has no _id to show.
        Assert.Contains("    line 11: not_a_document: ", report, StringComparison.Ordinal);

        Assert.Contains("line 3 (_id 65f1a2b3c4d5e6f708192a03): bookedCount 3 disagrees with the 1 booking(s) listed; the bookings win", report, StringComparison.Ordinal);
        Assert.Contains("line 8 (_id 65f1a2b3c4d5e6f708192a08): slot_overlaps: overlaps the slot of line 1", report, StringComparison.Ordinal);
        // The report docs/migration shows is the one the command prints.
        Assert.Equal(await File.ReadAllTextAsync(Path.Combine(Repository.Root, "docs", "migration", "dry-run-report.txt")), report);
        Assert.Equal(0L, await ScalarAsync("SELECT count(*) FROM slots"));
    }

    [Fact]
    public async Task Apply_keeps_times_and_history_and_a_second_run_changes_nothing()
    {
        var (exit, report, errors) = await RunAsync("import", Sample, "--apply");

        Assert.True(exit == 0, errors);
        Assert.Contains("imported: 3 slots with 4 bookings, for 2 specialists", report, StringComparison.Ordinal);
        Assert.Equal(3L, await ScalarAsync("SELECT count(*) FROM slots"));
        Assert.Equal(4L, await ScalarAsync("SELECT count(*) FROM bookings"));
        // The first sample document, a past 1:1 slot, as it was: its times, zone, booking and timestamps.
        Assert.Equal(
            "dr.ann@example.com|65f0000000000000000000a1|career-coaching|2025-03-10 09:00-10:00 Europe/Berlin|2025-03-10 08:00:00+00|1/1|active|2025-02-20 10:00:00+00|2025-03-01 08:15:00+00|bea-1 bea@example.com Bea Berger 2025-03-01 08:15:00+00",
            await TextAsync("""
                SELECT s.specialist_email || '|' || s.specialist_id || '|' || s.service_id || '|' || s.date || ' ' || to_char(s.start_time, 'HH24:MI')
                    || '-' || to_char(s.end_time, 'HH24:MI') || ' ' || s.timezone || '|' || s.starts_at || '|' || s.booked_count || '/'
                    || s.total_capacity || '|' || s.status || '|' || s.created_at || '|' || s.updated_at || '|'
                    || b.customer_id || ' ' || b.customer_email || ' ' || b.customer_name || ' ' || b.booked_at
                FROM slots s JOIN bookings b ON b.slot_id = s.id WHERE s.legacy_id = '65f1a2b3c4d5e6f708192a01'
                """));
        // bookedCount said 3, one booking is listed: the booking wins. The status stays inactive.
        Assert.Equal("1|inactive", await TextAsync("SELECT booked_count || '|' || status FROM slots WHERE legacy_id = '65f1a2b3c4d5e6f708192a03'"));
        // No event per slot (no webhook storm): an import writes none.
        Assert.Equal(0L, await ScalarAsync("SELECT count(*) FROM events"));

        var before = await TextAsync("SELECT string_agg(s::text, ';' ORDER BY id) FROM slots s");
        var (again, second, _) = await RunAsync("import", Sample, "--apply");

        Assert.Equal(0, again);
        Assert.Contains("imported: 0 slots with 0 bookings, for 0 specialists", second, StringComparison.Ordinal);
        Assert.Contains("already imported (same _id), left alone: 3", second, StringComparison.Ordinal);
        Assert.Equal(before, await TextAsync("SELECT string_agg(s::text, ';' ORDER BY id) FROM slots s"));
        Assert.Equal(4L, await ScalarAsync("SELECT count(*) FROM bookings"));
    }

    [Fact]
    public async Task Apply_queues_behind_a_create_that_holds_the_specialists_schedule_lock()
    {
        // A create's transaction, holding the lock the repository takes for one of the sample's specialists.
        await using var db = SlotsApiFactory.NewDbContextOn(_connection);
        var holder = await db.Database.BeginTransactionAsync();
        await new SlotRepository(db).LockScheduleAsync("dr.ann@example.com", default);

        var import = RunAsync("import", Sample, "--apply");
        var queued = await WaitsForAnAdvisoryLockAsync(import);
        var importedMeanwhile = await ScalarAsync("SELECT count(*) FROM slots WHERE specialist_email = 'dr.ann@example.com'");
        await holder.RollbackAsync();
        var (exit, report, errors) = await import;

        Assert.True(queued, "The import did not wait for the schedule lock a create holds.");
        Assert.Equal(0L, importedMeanwhile);
        Assert.True(exit == 0, errors);
        Assert.Contains("imported: 3 slots with 4 bookings, for 2 specialists", report, StringComparison.Ordinal);
    }

    /// <summary>Whether a session of this database waits for an advisory lock before <paramref name="running"/> ends.</summary>
    private async Task<bool> WaitsForAnAdvisoryLockAsync(Task running)
    {
        var deadline = Stopwatch.StartNew();
        while (!running.IsCompleted && deadline.Elapsed < TimeSpan.FromSeconds(60))
        {
            if (await ScalarAsync("""
                SELECT count(*) FROM pg_stat_activity
                WHERE datname = current_database() AND wait_event_type = 'Lock' AND wait_event = 'advisory'
                """) > 0)
            {
                return !running.IsCompleted;
            }

            await Task.Delay(50);
        }

        return false;
    }

    [Fact]
    public async Task A_json_array_in_canonical_extended_json_reads_like_the_lines()
    {
        var file = Path.Combine(Path.GetTempPath(), $"slots-import-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(file, """
            [
              {"_id": {"$oid": "6600000000000000000000b1"}, "specialistId": "s-1", "specialistEmail": "sam@example.com",
               "date": {"$date": {"$numberLong": "1830297600000"}}, "startTime": "10:00", "endTime": "11:00",
               "totalCapacity": {"$numberInt": "2"}, "bookedCount": {"$numberLong": "1"}, "status": "active",
               "bookings": [{"customerId": {"$oid": "6600000000000000000000c1"}, "customerEmail": "cy@example.com",
                             "customerName": "Cy", "bookedAt": {"$date": {"$numberLong": "1830211200000"}}}],
               "createdAt": {"$date": {"$numberLong": "1830124800000"}}, "updatedAt": {"$date": "2028-01-02T00:00:00Z"},
               "timezone": "Asia/Tokyo"},
              {"_id": "legacy-text-id", "specialistId": "s-1", "specialistEmail": "sam@example.com", "date": "2028-01-04",
               "startTime": "10:00", "endTime": "11:00", "totalCapacity": 1.0},
              42
            ]
            """);
        try
        {
            var (exit, report, errors) = await RunAsync("import", file, "--apply");

            Assert.True(exit == 0, errors);
            Assert.Contains("3 documents read", report, StringComparison.Ordinal);
            Assert.Contains("imported: 2 slots with 1 bookings, for 1 specialists", report, StringComparison.Ordinal);
            Assert.Contains("line 11: not_a_document: not a document but a JSON number", report, StringComparison.Ordinal);
            Assert.Equal(
                "2028-01-01 10:00 Asia/Tokyo 2028-01-01 01:00:00+00 6600000000000000000000c1",
                await TextAsync("""
                    SELECT s.date || ' ' || to_char(s.start_time, 'HH24:MI') || ' ' || s.timezone || ' ' || s.starts_at || ' ' || b.customer_id
                    FROM slots s JOIN bookings b ON b.slot_id = s.id WHERE s.legacy_id = '6600000000000000000000b1'
                    """));
        }
        finally
        {
            File.Delete(file);
        }
    }

    /// <summary>
    /// An email has one owner: a second <c>specialistId</c> under the email of the file's first is refused, and so is
    /// a document under an email another account already holds as its handle; the first one's email becomes its handle.
    /// </summary>
    [Fact]
    public async Task Documents_of_another_account_under_a_handle_are_refused_as_handle_taken()
    {
        await Factory.ExecuteOnAsync(_connection, "INSERT INTO specialists (email, issuer, subject) VALUES ('held@example.com', 'slots-local', 'holder')");
        var file = Path.Combine(Path.GetTempPath(), $"slots-import-{Guid.NewGuid():N}.ndjson");
        await File.WriteAllLinesAsync(file,
        [
            """{"_id": "h-1", "specialistId": "first", "specialistEmail": "shared@example.com", "date": "2028-01-04", "startTime": "10:00", "endTime": "11:00", "totalCapacity": 1}""",
            """{"_id": "h-2", "specialistId": "second", "specialistEmail": "shared@example.com", "date": "2028-01-05", "startTime": "10:00", "endTime": "11:00", "totalCapacity": 1}""",
            """{"_id": "h-3", "specialistId": "stranger", "specialistEmail": "held@example.com", "date": "2028-01-06", "startTime": "10:00", "endTime": "11:00", "totalCapacity": 1}""",
        ]);
        try
        {
            var (exit, report, errors) = await RunAsync("import", file, "--apply");

            Assert.True(exit == 0, errors);
            Assert.Contains("imported: 1 slots with 0 bookings, for 1 specialists", report, StringComparison.Ordinal);
            Assert.Contains("line 2 (_id h-2): handle_taken: shared@example.com is the public handle of specialist first, not of second", report, StringComparison.Ordinal);
            Assert.Contains("line 3 (_id h-3): handle_taken: held@example.com is the public handle of specialist holder, not of stranger", report, StringComparison.Ordinal);
            Assert.Equal("shared@example.com first", await TextAsync("SELECT string_agg(email || ' ' || subject, ',') FROM specialists WHERE email <> 'held@example.com'"));
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task It_cannot_run_on_a_missing_file_or_an_array_that_is_not_json_and_says_so()
    {
        var broken = Path.Combine(Path.GetTempPath(), $"slots-import-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(broken, "[{\"_id\": 1},\n {\"_id\": 2");
        try
        {
            var (missing, _, why) = await RunAsync("import", "/no/such/dump.json");
            Assert.Equal(1, missing);
            Assert.Contains("cannot read", why, StringComparison.Ordinal);

            var (notJson, _, because) = await RunAsync("import", broken);
            Assert.Equal(1, notJson);
            Assert.Contains("not JSON", because, StringComparison.Ordinal);

            var (usage, _, _) = await RunAsync("import");
            Assert.Equal(2, usage);
        }
        finally
        {
            File.Delete(broken);
        }
    }

    [Fact]
    public async Task A_hundred_thousand_documents_are_imported_and_the_time_is_printed()
    {
        var file = Path.Combine(Path.GetTempPath(), $"slots-import-{Guid.NewGuid():N}.ndjson");
        var text = new StringBuilder();
        var first = new DateOnly(2024, 1, 1);
        for (var i = 0; i < 100_000; i++)
        {
            // 1,000 specialists, 100 slots each (one a day), a booking in every other one.
            var specialist = i % 1000;
            var date = first.AddDays(i / 1000);
            text.Append("{\"_id\":{\"$oid\":\"").Append(i.ToString("x24", System.Globalization.CultureInfo.InvariantCulture))
                .Append("\"},\"specialistId\":\"sp-").Append(specialist)
                .Append("\",\"specialistEmail\":\"sp-").Append(specialist).Append("@example.com\",\"date\":\"")
                .Append(date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture))
                .Append("\",\"startTime\":\"09:00\",\"endTime\":\"10:00\",\"totalCapacity\":2,\"status\":\"active\",\"timezone\":\"Europe/Berlin\",\"bookings\":[");
            if (i % 2 == 0)
            {
                text.Append("{\"customerId\":\"c-").Append(i).Append("\",\"customerEmail\":\"c").Append(i)
                    .Append("@example.com\",\"customerName\":\"C\",\"bookedAt\":{\"$date\":\"2023-12-01T00:00:00Z\"}}");
            }

            text.Append("],\"createdAt\":{\"$date\":\"2023-11-01T00:00:00Z\"}}\n");
        }

        await File.WriteAllTextAsync(file, text.ToString());
        try
        {
            var clock = Stopwatch.StartNew();
            var (exit, report, timing) = await RunAsync("import", file, "--apply");

            Assert.True(exit == 0, timing);
            Assert.Contains("imported: 100000 slots with 50000 bookings, for 1000 specialists", report, StringComparison.Ordinal);
            Assert.Equal(100_000L, await ScalarAsync("SELECT count(*) FROM slots"));
            // A figure, not a bound (./slots import prints it too): the process, start-up included.
            output.WriteLine($"{timing.Trim()}; the whole command {clock.Elapsed.TotalSeconds:F1} s");
        }
        finally
        {
            File.Delete(file);
        }
    }

    private Task<(int ExitCode, string Output, string Errors)> RunAsync(params string[] arguments) =>
        Factory.RunCommandAsync(_connection, quiet: true, arguments);

    private Task<long> ScalarAsync(string sql) => Factory.ScalarOnAsync<long>(_connection, sql);

    /// <summary>A text the database makes, its instants written in UTC.</summary>
    private Task<string> TextAsync(string sql) => Factory.ScalarOnAsync<string>($"{_connection};Timezone=UTC", sql);
}
