using System.Data;
using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Slots.Application.Slots;
using Slots.Application.Slots.ImportSlots;
using Slots.Infrastructure.Persistence;

namespace Slots.Infrastructure.Import;

/// <summary>
/// The migration import (<see cref="ISlotImport"/>): the dump is read (<see cref="MongoExport"/>), each document parsed
/// (<see cref="LegacySlotParser"/>), then each specialist's slots are checked and written in one transaction of their
/// own, by binary <c>COPY</c> (<see cref="SlotCopy"/>).
/// </summary>
internal sealed class SlotImporter(SlotsDbContext db, TimeProvider clock) : ISlotImport
{
    private const int AnalyzeEvery = 10_000;

    public async Task<ImportReport> RunAsync(
        Stream dump, string issuer, bool apply, IProgress<ImportProgress>? progress, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var refused = new List<ImportRefusal>();
        var (slots, documents) = Parse(MongoExport.Read(dump), issuer, clock.GetUtcNow().UtcDateTime, refused);
        var tally = new Tally(apply, documents, refused);
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        if (connection.State != ConnectionState.Open)
        {
            await connection.OpenAsync(cancellationToken);
        }

        tally.Done = documents - slots.Count;
        progress?.Report(new ImportProgress(tally.Done, documents));
        await ExecuteAsync(connection, "ANALYZE slots", cancellationToken);
        foreach (var specialist in slots.GroupBy(s => s.Slot.SpecialistEmail))
        {
            await ImportSpecialistAsync(connection, specialist.Key, [.. specialist], tally, cancellationToken);
            progress?.Report(new ImportProgress(tally.Done, documents));
        }

        return tally.Report(Stopwatch.GetElapsedTime(started));
    }

    /// <summary>
    /// Every document read as a slot, in file order, as the file is read (each parsed document is let go once it is a
    /// slot); the ones that cannot be, and repeated <c>_id</c>s, refused. Returns the slots and the number of documents.
    /// </summary>
    private static (List<LegacySlot> Slots, int Documents) Parse(
        IEnumerable<ExportEntry> entries, string issuer, DateTime now, List<ImportRefusal> refused)
    {
        var firstLine = new Dictionary<string, int>(StringComparer.Ordinal);
        var slots = new List<LegacySlot>();
        var documents = 0;
        foreach (var entry in entries)
        {
            documents++;
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

        return (slots, documents);
    }

    /// <summary>One specialist's slots: under their schedule lock when applying, those not imported before and free of overlaps.</summary>
    private async Task ImportSpecialistAsync(
        NpgsqlConnection connection, string email, List<LegacySlot> mine, Tally tally, CancellationToken cancellationToken)
    {
        await using var transaction = tally.Applied ? await connection.BeginTransactionAsync(cancellationToken) : null;
        if (tally.Applied)
        {
            // The schedule's lock, as a create takes it: the import queues behind creates, and they behind it.
            await ExecuteAsync(connection, "SELECT 1 FROM " + AdvisoryLocks.Schedule("$1"), cancellationToken, email);
        }

        var known = await KnownAsync(connection, [.. mine.Select(s => s.Slot.LegacyId!)], cancellationToken);
        var fresh = mine.Where(s => !known.Contains(s.Slot.LegacyId!)).ToList();
        var owned = fresh.Count == 0 ? [] : await OwnersAsync(connection, email, fresh, tally.Refused, cancellationToken);
        var accepted = owned.Count == 0 ? [] : await AcceptAsync(connection, email, owned, tally.Refused, cancellationToken);
        if (tally.Applied && accepted.Count > 0)
        {
            await ExecuteAsync(
                connection, "INSERT INTO specialists (email, issuer, subject) VALUES ($1, $2, $3) ON CONFLICT (email) DO NOTHING",
                cancellationToken, email, accepted[0].Slot.SpecialistIssuer, accepted[0].Slot.SpecialistId);
            await SlotCopy.CopyAsync(connection, accepted, cancellationToken);
            await transaction!.CommitAsync(cancellationToken);
        }

        if (tally.Add(mine.Count, mine.Count - fresh.Count, accepted))
        {
            // The table may grow tenfold in one run: with the planner's picture of it still "small", the lookups by _id and
            // by specialist turn into scans of the whole table, and the run becomes quadratic.
            await ExecuteAsync(connection, "ANALYZE slots", cancellationToken);
        }
    }

    /// <summary>
    /// The slots of the email's owner, who holds it as their public handle (or, when nobody does yet, the specialist of its
    /// first document, who claims it); the other accounts' slots under the email are refused.
    /// </summary>
    private static async Task<List<LegacySlot>> OwnersAsync(
        NpgsqlConnection connection, string email, List<LegacySlot> slots, List<ImportRefusal> refused, CancellationToken cancellationToken)
    {
        var (issuer, subject) = (slots[0].Slot.SpecialistIssuer, slots[0].Slot.SpecialistId);
        await using (var command = Command(connection, "SELECT issuer, subject FROM specialists WHERE email = $1", email))
        {
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            if (await reader.ReadAsync(cancellationToken))
            {
                (issuer, subject) = (reader.GetString(0), reader.GetString(1));
            }
        }

        var owned = new List<LegacySlot>();
        foreach (var slot in slots)
        {
            if (slot.Slot.SpecialistIssuer == issuer && slot.Slot.SpecialistId == subject)
            {
                owned.Add(slot);
            }
            else
            {
                refused.Add(new ImportRefusal(
                    slot.Line, slot.Slot.LegacyId, "handle_taken", $"{email} is the public handle of specialist {subject}, not of {slot.Slot.SpecialistId}"));
            }
        }

        return owned;
    }

    /// <summary>The slots that fit beside the specialist's existing ones and the earlier ones of the file; the rest are refused.</summary>
    private static async Task<List<LegacySlot>> AcceptAsync(
        NpgsqlConnection connection, string email, List<LegacySlot> slots, List<ImportRefusal> refused, CancellationToken cancellationToken)
    {
        var from = slots.Min(s => s.Slot.StartsAt);
        var to = slots.Max(s => s.Slot.EndsAt);
        var existing = new List<BusyTime>();
        await using (var command = Command(
            connection,
            "SELECT starts_at, ends_at FROM slots WHERE specialist_email = $1 AND specialist_issuer = $4 AND specialist_id = $5 AND starts_at < $3 AND ends_at > $2",
            email, from, to, slots[0].Slot.SpecialistIssuer, slots[0].Slot.SpecialistId))
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

    /// <summary>What the import has done so far, specialist by specialist.</summary>
    private sealed class Tally(bool applied, int documents, List<ImportRefusal> refused)
    {
        private int _imported, _bookings, _already, _specialists, _analyzed;

        public bool Applied { get; } = applied;

        public List<ImportRefusal> Refused { get; } = refused;

        public List<ImportCorrection> Corrected { get; } = [];

        /// <summary>Documents read, parsed and checked.</summary>
        public int Done { get; set; }

        /// <summary>Counts one specialist's documents; true when enough were written since the last ANALYZE for another.</summary>
        public bool Add(int documents, int already, List<LegacySlot> accepted)
        {
            Corrected.AddRange(accepted.Where(s => s.Correction is not null)
                .Select(s => new ImportCorrection(s.Line, s.Slot.LegacyId!, s.Correction!)));
            (_imported, _already, Done) = (_imported + accepted.Count, _already + already, Done + documents);
            _bookings += accepted.Sum(s => s.Slot.Bookings.Count);
            _specialists += accepted.Count > 0 ? 1 : 0;
            if (!Applied || _imported - _analyzed < AnalyzeEvery)
            {
                return false;
            }

            _analyzed = _imported;
            return true;
        }

        public ImportReport Report(TimeSpan elapsed) => new(
            Applied, documents, _imported, _bookings, _specialists, _already,
            [.. Refused.OrderBy(r => r.Line)], [.. Corrected.OrderBy(c => c.Line)], elapsed);
    }
}
