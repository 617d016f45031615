using System.Data;
using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;
using Slots.Application.Slots;
using Slots.Infrastructure.Persistence;

namespace Slots.Infrastructure.Import;

/// <summary>
/// The migration import: documents of the old ConsultingSlots collection become slots with their bookings. Each
/// specialist's documents are checked together, under that specialist's schedule lock when applying (the lock every
/// create takes), against the slots already there and against each other: the first in the file wins an overlap.
/// A document whose <c>_id</c> was imported before is left alone, so a second run changes nothing. Applying writes one
/// transaction per specialist, by binary <c>COPY</c>. An import writes no events: the slots it brings are the old
/// system's state, not changes that happened here, and 100,000 <c>slots.slot.created</c> webhooks would tell the
/// subscribers nothing they can act on; a consumer reads the imported slots from the lists (or its own copy of the
/// old data) and follows the feed from then on.
/// </summary>
public sealed class SlotImporter(SlotsDbContext db, TimeProvider clock)
{
    private const int AnalyzeEvery = 10_000;

    public async Task<ImportReport> RunAsync(
        IReadOnlyList<ExportEntry> entries, string issuer, bool apply, IProgress<int>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var started = Stopwatch.GetTimestamp();
        var now = clock.GetUtcNow().UtcDateTime;
        var refused = new List<ImportRefusal>();
        var corrected = new List<(int, string, string)>();
        var firstLine = new Dictionary<string, int>(StringComparer.Ordinal);
        var slots = new List<LegacySlot>();
        foreach (var entry in entries)
        {
            if (entry.Document is null)
            {
                refused.Add(new ImportRefusal(entry.Line, null, "not_a_document", entry.Error ?? "not a document"));
                continue;
            }

            var (slot, refusal) = LegacySlotParser.Parse(entry.Line, entry.Document, issuer, now);
            if (refusal is not null)
            {
                refused.Add(refusal);
            }
            else if (firstLine.TryGetValue(slot!.Slot.LegacyId!, out var line))
            {
                refused.Add(new ImportRefusal(entry.Line, slot.Slot.LegacyId, "duplicate_id", $"the same _id as line {line}"));
            }
            else
            {
                firstLine.Add(slot.Slot.LegacyId!, entry.Line);
                slots.Add(slot);
            }
        }

        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        if (connection.State != ConnectionState.Open)
        {
            await connection.OpenAsync(cancellationToken);
        }

        int imported = 0, bookings = 0, already = 0, specialists = 0, done = entries.Count - slots.Count, analyzed = 0;
        progress?.Report(done);
        await ExecuteAsync(connection, "ANALYZE slots", cancellationToken);
        foreach (var group in slots.GroupBy(s => s.Slot.SpecialistEmail))
        {
            var mine = group.ToList();
            await using var transaction = apply ? await connection.BeginTransactionAsync(cancellationToken) : null;
            if (apply)
            {
                // The schedule's lock, as a create takes it: the import queues behind creates, and they behind it.
                await ExecuteAsync(connection, "SELECT 1 FROM " + AdvisoryLocks.Schedule("$1"), cancellationToken, group.Key);
            }

            var known = await KnownAsync(connection, [.. mine.Select(s => s.Slot.LegacyId!)], cancellationToken);
            var fresh = mine.Where(s => !known.Contains(s.Slot.LegacyId!)).ToList();
            already += mine.Count - fresh.Count;
            var accepted = fresh.Count == 0 ? [] : await AcceptAsync(connection, group.Key, fresh, refused, cancellationToken);
            foreach (var slot in accepted.Where(s => s.Correction is not null))
            {
                corrected.Add((slot.Line, slot.Slot.LegacyId!, slot.Correction!));
            }

            if (apply && accepted.Count > 0)
            {
                await CopyAsync(connection, accepted, cancellationToken);
                await transaction!.CommitAsync(cancellationToken);
            }

            imported += accepted.Count;
            if (apply && imported - analyzed >= AnalyzeEvery)
            {
                // The table may grow tenfold in one run: with the planner's picture of it still "small", the lookups by
                // _id and by specialist turn into scans of the whole table, and the run becomes quadratic.
                await ExecuteAsync(connection, "ANALYZE slots", cancellationToken);
                analyzed = imported;
            }

            bookings += accepted.Sum(s => s.Slot.Bookings.Count);
            specialists += accepted.Count > 0 ? 1 : 0;
            done += mine.Count;
            progress?.Report(done);
        }

        refused.Sort((a, b) => a.Line.CompareTo(b.Line));
        corrected.Sort((a, b) => a.Item1.CompareTo(b.Item1));
        return new ImportReport(
            apply, entries.Count, imported, bookings, specialists, already, refused, corrected, Stopwatch.GetElapsedTime(started));
    }

    /// <summary>The slots that fit beside the specialist's existing ones and the earlier ones of the file; the rest are refused.</summary>
    private static async Task<List<LegacySlot>> AcceptAsync(
        NpgsqlConnection connection, string email, List<LegacySlot> slots, List<ImportRefusal> refused, CancellationToken cancellationToken)
    {
        var from = slots.Min(s => s.Slot.StartsAt);
        var to = slots.Max(s => s.Slot.EndsAt);
        var existing = new List<BusyTime>();
        await using (var command = Command(
            connection, "SELECT starts_at, ends_at FROM slots WHERE specialist_email = $1 AND starts_at < $3 AND ends_at > $2", email, from, to))
        {
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                existing.Add(new BusyTime(reader.GetDateTime(0), reader.GetDateTime(1)));
            }
        }

        var busy = new BusySchedule(existing);
        var accepted = new List<LegacySlot>();
        foreach (var slot in slots)
        {
            if (busy.TryReserve(slot.Slot.StartsAt, slot.Slot.EndsAt))
            {
                accepted.Add(slot);
                continue;
            }

            var earlier = accepted.Find(a => a.Slot.StartsAt < slot.Slot.EndsAt && a.Slot.EndsAt > slot.Slot.StartsAt);
            refused.Add(new ImportRefusal(slot.Line, slot.Slot.LegacyId, "slot_overlaps", earlier is null
                ? "overlaps a slot the specialist already has"
                : $"overlaps the slot of line {earlier.Line}, the same specialist's"));
        }

        return accepted;
    }

    private static async Task<HashSet<string>> KnownAsync(NpgsqlConnection connection, string[] ids, CancellationToken cancellationToken)
    {
        var known = new HashSet<string>(StringComparer.Ordinal);
        await using var command = Command(connection, "SELECT legacy_id FROM slots WHERE legacy_id = ANY($1)", [ids]);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            known.Add(reader.GetString(0));
        }

        return known;
    }

    private static async Task CopyAsync(NpgsqlConnection connection, List<LegacySlot> slots, CancellationToken cancellationToken)
    {
        await using (var writer = await connection.BeginBinaryImportAsync(
            "COPY slots (id, legacy_id, specialist_issuer, specialist_id, specialist_email, service_id, date, start_time, end_time, "
            + "timezone, starts_at, ends_at, duration_minutes, total_capacity, booked_count, status, created_at, updated_at, version) "
            + "FROM STDIN (FORMAT BINARY)", cancellationToken))
        {
            foreach (var s in slots.Select(s => s.Slot))
            {
                await writer.StartRowAsync(cancellationToken);
                await writer.WriteAsync(s.Id, NpgsqlDbType.Uuid, cancellationToken);
                await writer.WriteAsync(s.LegacyId!, NpgsqlDbType.Varchar, cancellationToken);
                await writer.WriteAsync(s.SpecialistIssuer, NpgsqlDbType.Varchar, cancellationToken);
                await writer.WriteAsync(s.SpecialistId, NpgsqlDbType.Varchar, cancellationToken);
                await writer.WriteAsync(s.SpecialistEmail, NpgsqlDbType.Varchar, cancellationToken);
                if (s.ServiceId is null)
                {
                    await writer.WriteNullAsync(cancellationToken);
                }
                else
                {
                    await writer.WriteAsync(s.ServiceId, NpgsqlDbType.Varchar, cancellationToken);
                }

                await writer.WriteAsync(s.Date, NpgsqlDbType.Date, cancellationToken);
                await writer.WriteAsync(s.StartTime, NpgsqlDbType.Time, cancellationToken);
                await writer.WriteAsync(s.EndTime, NpgsqlDbType.Time, cancellationToken);
                await writer.WriteAsync(s.Timezone, NpgsqlDbType.Varchar, cancellationToken);
                await writer.WriteAsync(s.StartsAt, NpgsqlDbType.TimestampTz, cancellationToken);
                await writer.WriteAsync(s.EndsAt, NpgsqlDbType.TimestampTz, cancellationToken);
                await writer.WriteAsync(s.DurationMinutes, NpgsqlDbType.Integer, cancellationToken);
                await writer.WriteAsync(s.TotalCapacity, NpgsqlDbType.Integer, cancellationToken);
                await writer.WriteAsync(s.BookedCount, NpgsqlDbType.Integer, cancellationToken);
                await writer.WriteAsync(ColumnTexts.SlotStatuses.Text(s.Status), NpgsqlDbType.Varchar, cancellationToken);
                await writer.WriteAsync(s.CreatedAt, NpgsqlDbType.TimestampTz, cancellationToken);
                await writer.WriteAsync(s.UpdatedAt, NpgsqlDbType.TimestampTz, cancellationToken);
                await writer.WriteAsync(s.Version, NpgsqlDbType.Integer, cancellationToken);
            }

            await writer.CompleteAsync(cancellationToken);
        }

        await using (var writer = await connection.BeginBinaryImportAsync(
            "COPY bookings (id, slot_id, customer_id, customer_email, customer_name, booked_at) FROM STDIN (FORMAT BINARY)",
            cancellationToken))
        {
            foreach (var b in slots.SelectMany(s => s.Slot.Bookings))
            {
                await writer.StartRowAsync(cancellationToken);
                await writer.WriteAsync(b.Id, NpgsqlDbType.Uuid, cancellationToken);
                await writer.WriteAsync(b.SlotId, NpgsqlDbType.Uuid, cancellationToken);
                await writer.WriteAsync(b.CustomerId, NpgsqlDbType.Varchar, cancellationToken);
                await writer.WriteAsync(b.CustomerEmail, NpgsqlDbType.Varchar, cancellationToken);
                await writer.WriteAsync(b.CustomerName, NpgsqlDbType.Varchar, cancellationToken);
                await writer.WriteAsync(b.BookedAt, NpgsqlDbType.TimestampTz, cancellationToken);
            }

            await writer.CompleteAsync(cancellationToken);
        }
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken, params object[] values)
    {
        await using var command = Command(connection, sql, values);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>A statement with positional parameters ($1, $2, ...).</summary>
    private static NpgsqlCommand Command(NpgsqlConnection connection, string sql, params object[] values)
    {
        var command = new NpgsqlCommand(sql, connection);
        foreach (var value in values)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value });
        }

        return command;
    }
}
