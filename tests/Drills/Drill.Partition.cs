using System.Text.Json;
using Slots.Tests.Shared;

namespace Slots.Drills;

/// <summary>
/// The partition drill: PostgreSQL in a network namespace of its own, three API processes here, joined by a veth pair
/// (<see cref="PartitionNet"/>); booking load from clients that retry with their <c>Idempotency-Key</c>
/// (<see cref="RetryingLoad"/>); 5 % of the packets dropped each way for 10 s, then all of them for 10 s, then none. The
/// history of every request is kept as JSON lines and checked afterwards (<see cref="PartitionHistory"/>) against the
/// stored bookings and the feed.
/// </summary>
public sealed partial class Drill
{
    private static readonly TimeSpan PartitionPhase = TimeSpan.FromSeconds(10);

    private async Task PartitionAsync(string keyFile, string work)
    {
        await using var net = new PartitionNet(root);
        string server;
        try
        {
            server = await net.StartAsync();
        }
        catch (InvalidOperationException e)
        {
            Check("partition: network", false, e.Message);
            return;
        }

        var db = new DrillDatabase(root, server, dataDir: "");
        await db.RecreateAsync();
        var historyFile = Path.Combine(work, "partition-history.jsonl");
        await using (var fleet = await ApiFleet.StartAsync(apiDll, db.ConnectionString, keyFile, 3, work))
        {
            Console.WriteLine($"[drill] 3 API processes on a PostgreSQL behind a veth pair ({server.Split(';')[0]}): {string.Join(", ", fleet.Instances)}");
            var admins = fleet.Instances.Select(uri => Client(uri, _tokens.Admin())).ToList();
            await WarmUpAsync(admins);
            // Most slots never fill; the small ones do, so refusals and the capacity check meet the faults too.
            var slots = (await CreateSlotsAsync(admins[0], 30, capacity: 1000)).Concat(await CreateSlotsAsync(admins[0], 10, capacity: 20)).ToList();

            var phases = new List<(string Name, DateTime From)>();
            await using (var history = new StreamWriter(historyFile) { AutoFlush = true })
            {
                await new RetryingLoad(admins, slots, $"partition-{_run}", history).RunAsync(16, async () =>
                {
                    phases.Add(("before", DateTime.UtcNow));
                    await Task.Delay(3000);
                    await net.LossAsync(5);
                    phases.Add(("5 % loss", DateTime.UtcNow));
                    await Task.Delay(PartitionPhase);
                    await net.CutAsync();
                    phases.Add(("partition", DateTime.UtcNow));
                    await Task.Delay(PartitionPhase);
                    await net.HealAsync();
                    phases.Add(("healed", DateTime.UtcNow));
                    await Task.Delay(5000);
                });
            }

            var attempts = PartitionHistory.Read(await File.ReadAllLinesAsync(historyFile));
            Console.WriteLine($"[drill] partition: {attempts.Count} requests in {attempts.Select(a => a.Key).Distinct().Count()} keys, history in {historyFile}; "
                + string.Join("; ", phases.Select((p, i) => $"{p.Name}: {PhaseTally(attempts, p.From, i + 1 < phases.Count ? phases[i + 1].From : DateTime.MaxValue)}")));

            Npgsql.NpgsqlConnection.ClearAllPools(); // the drill's own connections may have died behind the partition
            var final = new FinalState(await StoredAsync(db, slots), await FeedAsync(admins[0], slots));
            await File.WriteAllTextAsync(Path.Combine(work, "partition-state.json"), PartitionHistory.Write(final));
            foreach (var check in PartitionHistory.Check(attempts, final))
            {
                Check($"partition: {check.Name}", check.Passed, check.Detail);
            }
        }

        await db.DropAsync();
    }

    private static string PhaseTally(IReadOnlyList<Attempt> attempts, DateTime from, DateTime to)
    {
        var sent = attempts.Where(a => a.SentAt >= from && a.SentAt < to).ToList();
        var slowest = sent.Select(a => a.Took ?? RetryingLoad.ClientTimeout).DefaultIfEmpty().Max();
        return $"{sent.Count} sent ({PartitionHistory.Tally(sent)}), slowest {slowest.TotalSeconds:0.00} s";
    }

    /// <summary>Each slot's capacity, count and live bookings, read once the network is whole again.</summary>
    private static async Task<List<StoredSlot>> StoredAsync(DrillDatabase db, IReadOnlyList<Guid> slots)
    {
        var live = await db.LiveBookingIdsAsync(slots);
        var stored = new List<StoredSlot>();
        foreach (var slot in slots)
        {
            var capacity = await db.ScalarAsync<int>("SELECT total_capacity FROM slots WHERE id = $1", slot);
            var count = await db.ScalarAsync<int>("SELECT booked_count FROM slots WHERE id = $1", slot);
            stored.Add(new StoredSlot(slot, capacity, count, [.. live.Where(b => b.Slot == slot).Select(b => new StoredBooking(b.Id, b.Customer))]));
        }

        return stored;
    }

    /// <summary>The booking events of the drill's slots, read through the feed (<c>GET /api/events</c>) from its start.</summary>
    private static async Task<List<FeedBookingEvent>> FeedAsync(HttpClient admin, IReadOnlyList<Guid> slots)
    {
        var ours = slots.ToHashSet();
        var events = new List<FeedBookingEvent>();
        string? after = null;
        while (true)
        {
            using var response = await admin.GetAsync($"/api/events?limit=100{(after is null ? "" : $"&after={Uri.EscapeDataString(after)}")}");
            response.EnsureSuccessStatusCode();
            using var page = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            if (page.RootElement.GetArrayLength() == 0)
            {
                return events;
            }

            foreach (var e in page.RootElement.EnumerateArray())
            {
                after = e.GetProperty("position").GetString();
                var type = e.GetProperty("type").GetString()!;
                if (type is not ("slots.booking.created" or "slots.booking.cancelled")
                    || Guid.Parse(e.GetProperty("subject").GetString()!) is var slot && !ours.Contains(slot))
                {
                    continue;
                }

                var booking = e.GetProperty("data").GetProperty("booking");
                events.Add(new FeedBookingEvent(type, slot, booking.GetProperty("bookingId").GetGuid(), booking.GetProperty("customerId").GetString()!));
            }
        }
    }
}
