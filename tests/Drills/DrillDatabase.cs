using System.Diagnostics;
using Npgsql;

namespace Slots.Drills;

/// <summary>
/// The drills' database, seen from outside the API: SQL on it and on its server, and the server itself to
/// kill (SIGKILL of the postmaster) and start again (<c>./slots db</c>).
/// </summary>
public sealed class DrillDatabase(string root, string adminConnection, string dataDir)
{
    public string ConnectionString { get; } = new NpgsqlConnectionStringBuilder(adminConnection) { Database = "slots_drill" }.ConnectionString;

    public async Task RecreateAsync()
    {
        await DropAsync();
        await RunAsync(adminConnection, "CREATE DATABASE slots_drill", [], c => c.ExecuteNonQueryAsync());
    }

    public async Task DropAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await RunAsync(adminConnection, "DROP DATABASE IF EXISTS slots_drill WITH (FORCE)", [], c => c.ExecuteNonQueryAsync());
    }

    /// <summary>Holds the slot's row lock in a transaction of its own until the returned session is disposed (it then commits).</summary>
    public async Task<IAsyncDisposable> HoldRowLockAsync(Guid slot)
    {
        var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        var transaction = await connection.BeginTransactionAsync();
        await using (var command = new NpgsqlCommand("SELECT 1 FROM slots WHERE id = $1 FOR UPDATE", connection, transaction))
        {
            command.Parameters.Add(new NpgsqlParameter { Value = slot });
            await command.ExecuteScalarAsync();
        }

        return connection;
    }

    /// <summary>A value from the server as a whole (pg_stat_activity and the like).</summary>
    public async Task<T> ServerScalarAsync<T>(string sql) => (T)(await RunAsync(adminConnection, sql, [], c => c.ExecuteScalarAsync()))!;

    /// <summary>A value from the drills' database, with positional parameters ($1, $2, ...).</summary>
    public async Task<T> ScalarAsync<T>(string sql, params object[] parameters) =>
        (T)(await RunAsync(ConnectionString, sql, parameters, c => c.ExecuteScalarAsync()))!;

    /// <summary>The (slot, customer) pairs of the live bookings in these slots.</summary>
    public async Task<HashSet<(Guid Slot, string Customer)>> LiveBookingsAsync(IReadOnlyList<Guid> slots) =>
        (await LiveBookingIdsAsync(slots)).Select(b => (b.Slot, b.Customer)).ToHashSet();

    /// <summary>The live bookings in these slots: each one's slot, id and customer.</summary>
    public Task<List<(Guid Slot, Guid Id, string Customer)>> LiveBookingIdsAsync(IReadOnlyList<Guid> slots) =>
        RunAsync(ConnectionString, "SELECT slot_id, id, customer_id FROM bookings WHERE slot_id = ANY($1) AND cancelled_at IS NULL",
            [slots.ToArray()], async command =>
            {
                var bookings = new List<(Guid, Guid, string)>();
                await using var reader = await command.ExecuteReaderAsync();
                while (await reader.ReadAsync())
                {
                    bookings.Add((reader.GetGuid(0), reader.GetGuid(1), reader.GetString(2)));
                }

                return bookings;
            });

    /// <summary>SIGKILL to the postmaster; returns its pid.</summary>
    public async Task<int> KillAsync()
    {
        var pid = await PostmasterAsync(dataDir);
        Process.GetProcessById(pid).Kill();
        return pid;
    }

    /// <summary>The pid of the postmaster running on <paramref name="dataDirectory"/>, from its <c>postmaster.pid</c>.</summary>
    public static async Task<int> PostmasterAsync(string dataDirectory) =>
        int.Parse((await File.ReadAllLinesAsync(Path.Combine(dataDirectory, "postmaster.pid")))[0], System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Starts the server again; returns how many attempts it took.</summary>
    public async Task<int> RestartAsync()
    {
        // Backends of the killed postmaster may hold its shared memory a moment longer; ./slots db retries cleanly.
        for (var attempt = 1; ; attempt++)
        {
            using var start = Process.Start(new ProcessStartInfo("bash", [Path.Combine(root, "slots"), "db"]) { RedirectStandardOutput = true })!;
            await start.WaitForExitAsync();
            if (start.ExitCode == 0)
            {
                NpgsqlConnection.ClearAllPools(); // the drills' own idle connections died with the server
                return attempt;
            }

            if (attempt == 10)
            {
                throw new InvalidOperationException("the database did not restart");
            }

            await Task.Delay(1000);
        }
    }

    private static async Task<TResult> RunAsync<TResult>(string connectionString, string sql, object[] parameters, Func<NpgsqlCommand, Task<TResult>> run)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var p in parameters)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = p });
        }

        return await run(command);
    }
}
