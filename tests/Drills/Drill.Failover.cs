namespace Slots.Drills;

/// <summary>
/// The failover drill: three API processes on the pg_auto_failover formation of <c>./slots run --ha</c>, booking load, and
/// the primary killed as a machine dies (its keeper's process group and its postmaster, SIGKILL). The monitor promotes
/// the standby; the API follows it through its multi-host connection string.
/// </summary>
public sealed partial class Drill
{
    /// <summary>The issue's bound: bookings succeed again within this long of the kill.</summary>
    private static readonly TimeSpan FailoverBound = TimeSpan.FromSeconds(15);

    /// <summary>
    /// While no node takes writes every booking is answered 503 with <c>Retry-After</c> within 3 s; none is a 500; the
    /// first booking after the kill succeeds within <see cref="FailoverBound"/>; every booking answered 201 is stored once,
    /// on the new primary; and the old primary, its keeper started again, rejoins as the standby.
    /// </summary>
    private async Task FailoverAsync(string formationConnection, string keyFile, string work)
    {
        // The formation's folder holds its password file, which the connection string names.
        var formationDir = Path.GetDirectoryName(new Npgsql.NpgsqlConnectionStringBuilder(formationConnection).Passfile)!;
        var formation = new Formation(root, formationDir);
        var db = new DrillDatabase(root, formationConnection, formationDir);
        await db.RecreateAsync();
        await using var fleet = await ApiFleet.StartAsync(apiDll, db.ConnectionString, keyFile, 3, work);
        Console.WriteLine($"[drill] 3 API processes on the pg_auto_failover formation: {string.Join(", ", fleet.Instances)}");
        var admins = fleet.Instances.Select(uri => Client(uri, _tokens.Admin())).ToList();
        await WarmUpAsync(admins);
        var slots = await CreateSlotsAsync(admins[0], 40, capacity: 1000);

        DateTime killedAt = default;
        var killed = "";
        var outcomes = await BookingLoad.RunAsync(admins, slots, 16, $"failover-{_run}", async live =>
        {
            await Task.Delay(3000);
            // The moment after the kill: a booking sent while the status was read may still commit on the old primary.
            killed = await formation.KillAsync("primary");
            killedAt = DateTime.UtcNow;
            Console.WriteLine($"[drill] killed the primary, {killed}: its keeper and postmaster, SIGKILL");
            var until = killedAt + FailoverBound + TimeSpan.FromSeconds(5);
            while (DateTime.UtcNow < until && !live.Outcomes.Any(o => o.Status == 201 && o.StartedAt > killedAt))
            {
                await Task.Delay(100);
            }

            await Task.Delay(3000);
        });

        var booked = outcomes.Where(o => o.Status == 201 && o.StartedAt > killedAt).ToList();
        var recovery = booked.Count == 0 ? (TimeSpan?)null : booked.Min(o => o.StartedAt + o.Took) - killedAt;
        // No primary: from the kill until the first booking sent after it succeeded.
        var firstSent = booked.Count == 0 ? DateTime.MaxValue : booked.Min(o => o.StartedAt);
        var whileDown = outcomes.Where(o => o.StartedAt > killedAt && o.StartedAt < firstSent).ToList();
        CheckOutage(("failover: no primary", "while no node took writes"), "failover: no 500s", whileDown, outcomes);
        Check("failover: recovery", recovery is { } r && r <= FailoverBound,
            $"first 201 {(recovery is { } t ? $"{t.TotalSeconds:0.0} s" : "never")} after {killed} was killed (bound {FailoverBound.TotalSeconds:0} s)");
        Npgsql.NpgsqlConnection.ClearAllPools(); // the drill's own idle connections to the old primary died with it
        if (recovery is null)
        {
            await formation.StartAsync(); // no primary came by itself: read what was stored once there is one
        }

        await CheckStoredAsync("failover", admins, slots, outcomes, db);

        await formation.StartAsync();
        var nodes = await formation.NodesAsync();
        Check("failover: rejoin", nodes.Any(n => n.Node == killed && n.State == "secondary") && nodes.Count(n => n.State == "primary") == 1,
            $"{killed} restarted: {string.Join(", ", nodes.Select(n => $"{n.Node} {n.State}"))}");
        await StandbyLostAsync(formation, db, admins[0]);
        await db.DropAsync();
    }

    /// <summary>
    /// What an acknowledged booking is when the standby is gone, as pg_auto_failover has it: the primary drops to
    /// <c>wait_primary</c> and turns synchronous replication off, so bookings are acknowledged with the primary alone (on
    /// one machine) rather than refused; once the standby is back it has every one of them.
    /// </summary>
    private async Task StandbyLostAsync(Formation formation, DrillDatabase db, HttpClient admin)
    {
        var primary = (await formation.NodesAsync()).Single(n => n.State == "primary").Node;
        var standby = await formation.KillAsync("secondary");
        var alone = await formation.ReachesAsync(primary, "wait_primary", TimeSpan.FromSeconds(15));
        var synchronous = await db.ServerScalarAsync<string>("SHOW synchronous_standby_names");
        var slot = (await CreateSlotsAsync(admin, 1, capacity: 100))[0];
        var answers = new List<Outcome>();
        for (var i = 0; i < 20; i++)
        {
            answers.Add(await BookingLoad.BookAsync(admin, slot, $"alone-{_run}-{i}"));
        }

        Check("standby lost", alone && synchronous.Length == 0 && answers.All(o => o.Status == 201),
            $"{standby} killed: {primary} {(alone ? "went" : "did not go")} to wait_primary, synchronous_standby_names '{synchronous}'; "
            + $"20 bookings with the primary alone: {Tally(answers)}");
        await formation.StartAsync();
        var onStandby = await StandbyCountAsync(formation, db, standby, slot, answers.Count(o => o.Status == 201));
        Check("standby back", onStandby == answers.Count(o => o.Status == 201),
            $"{standby} restarted: it has {onStandby} of the {answers.Count(o => o.Status == 201)} bookings acknowledged while it was gone");
    }

    /// <summary>
    /// The live bookings of a slot as the standby <paramref name="node"/> has them, read on it alone; it may still be
    /// replaying what it missed, so it is asked for up to 15 s until it has <paramref name="expected"/>.
    /// </summary>
    private static async Task<long> StandbyCountAsync(Formation formation, DrillDatabase db, string node, Guid slot, long expected)
    {
        var port = (await formation.NodesAsync()).Single(n => n.Node == node).Port;
        var onNode = new Npgsql.NpgsqlConnectionStringBuilder(db.ConnectionString)
        {
            Host = "127.0.0.1", Port = port, TargetSessionAttributes = "any", Pooling = false,
        }.ConnectionString;
        var until = DateTime.UtcNow.AddSeconds(15);
        long count;
        do
        {
            await using var connection = new Npgsql.NpgsqlConnection(onNode);
            await connection.OpenAsync();
            // On the standby itself (in recovery), not wherever the formation sends writes.
            await using var command = new Npgsql.NpgsqlCommand(
                "SELECT CASE WHEN pg_is_in_recovery() THEN count(*) ELSE -1 END FROM bookings WHERE slot_id = $1 AND cancelled_at IS NULL", connection);
            command.Parameters.Add(new Npgsql.NpgsqlParameter { Value = slot });
            count = (long)(await command.ExecuteScalarAsync())!;
            if (count == expected)
            {
                break;
            }

            await Task.Delay(250);
        }
        while (DateTime.UtcNow < until);
        return count;
    }
}
