using Npgsql;
using NpgsqlTypes;
using Slots.Application.Slots;
using Slots.Application.Slots.ListAvailableSlots;
using Slots.Domain.Slots;

namespace Slots.Infrastructure.Persistence;

/// <summary>
/// The customers' view as one hand-written, prepared statement for <see cref="AvailableSlotsCriteria"/>, read straight into
/// the answer's rows. Only the slots of the handle's owner (<see cref="SpecialistHandle"/>) are shown: another account's
/// slots under the same email never are.
/// </summary>
/// <remarks>
/// The owner test is written as a <c>CASE</c> so that the planner takes it for what it is, a filter that drops the rare
/// slot of another account: as a plain comparison with the owner it did not know yet, it judged it very selective and
/// read the specialist's slots through the overlap constraint's index, all of them, to sort them (QueryPlanTests). As
/// a <c>CASE</c> the view keeps the plan it had: the specialist's slots in start order, up to the page's end.
/// </remarks>
/// <remarks>
/// Even compiled, EF's query spent about 30% of the read's API CPU per request on what does not change between
/// calls: a shaper delegate created anew, the command and its parameters rebuilt, interceptors and diagnostics
/// consulted (docs/performance.md). <c>AvailableSlotsStatementTests</c> runs this statement and EF's query for the
/// criteria's meaning (a specification the tests hold) side by side on PostgreSQL and requires the same rows;
/// <c>bench/read.sql</c> is the same SELECT.
/// </remarks>
internal static class AvailableSlotsStatement
{
    /// <summary>A slot's seats nobody books or holds at the request's moment (<c>$7</c>). Declared before the statements built from it.</summary>
    private static readonly string SeatsLeft = $"s.total_capacity - s.booked_count - {LiveHolds("$7")}";

    public static readonly string Sql = Select("l.seats_left > 0");

    /// <summary>
    /// With <see cref="AvailableSlotsCriteria.IncludeFull"/>: also the full slots whose waitlist is open, by the slot's own
    /// policy or else its specialist's (read once: the owner's row, as the owner test reads it).
    /// </summary>
    public static readonly string SqlIncludingFull = Select($"""
        (l.seats_left > 0 OR (s.waiting_count < {SlotLimits.MaxWaitingPerSlot}
             AND COALESCE(s.waitlist, (SELECT h.waitlist FROM specialists h WHERE h.email = $1), false)))
        """);

    private static string Select(string seats) => $"""
        SELECT s.id, s.specialist_email, s.service_id, s.date, s.start_time, s.end_time, s.timezone, s.starts_at, s.ends_at,
               s.duration_minutes, s.total_capacity, l.seats_left, s.waiting_count
        FROM slots AS s
        CROSS JOIN LATERAL (SELECT {SeatsLeft} AS seats_left) AS l
        WHERE s.specialist_email = $1 AND s.status = {ColumnTexts.SlotStatuses.Sql(SlotStatus.Active)} AND s.starts_at > $2 AND {seats}
          AND s.date >= $3 AND s.date <= $4 AND ($6::text IS NULL OR s.service_id = $6 OR s.service_id IS NULL)
          AND CASE WHEN (s.specialist_issuer, s.specialist_id) = (SELECT h.issuer, h.subject FROM specialists h WHERE h.email = $1)
                   THEN true ELSE false END
        ORDER BY s.starts_at
        LIMIT $5
        """;

    /// <summary>
    /// The live holds of slot <c>s</c> at the instant <paramref name="now"/> (a parameter's name), counted only when it has
    /// holds at all (<c>held_count</c>), so a slot without any, most of them, costs no look-up.
    /// </summary>
    public static string LiveHolds(string now) => $"""
        CASE WHEN s.held_count = 0 THEN 0 ELSE (
            SELECT count(*)::int FROM seat_holds h
            WHERE h.slot_id = s.id AND h.status = {ColumnTexts.HoldStatuses.Sql(HoldStatus.Live)} AND h.expires_at > {now}) END
        """;

    /// <summary>The statement with the criteria, on <paramref name="connection"/>.</summary>
    public static NpgsqlCommand Command(NpgsqlConnection connection, AvailableSlotsCriteria criteria) =>
        new(criteria.IncludeFull ? SqlIncludingFull : Sql, connection)
        {
            Parameters =
            {
                new NpgsqlParameter<string> { TypedValue = criteria.SpecialistEmail },
                // Explicitly timestamptz: a DateTime that is not UTC is refused by Npgsql instead of compared as local time.
                new NpgsqlParameter<DateTime> { NpgsqlDbType = NpgsqlDbType.TimestampTz, TypedValue = criteria.Earliest },
                new NpgsqlParameter<DateOnly> { TypedValue = criteria.From },
                new NpgsqlParameter<DateOnly> { TypedValue = criteria.To },
                new NpgsqlParameter<int> { TypedValue = criteria.Limit },
                new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Text, Value = (object?)criteria.ServiceId ?? DBNull.Value },
                new NpgsqlParameter<DateTime> { NpgsqlDbType = NpgsqlDbType.TimestampTz, TypedValue = criteria.Now },
            },
        };

    /// <summary>Runs the statement on an open connection.</summary>
    public static async Task<List<AvailableSlotResponse>> ReadAsync(
        NpgsqlConnection connection, AvailableSlotsCriteria criteria, CancellationToken cancellationToken)
    {
        await using var command = Command(connection, criteria);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = new List<AvailableSlotResponse>();
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(new AvailableSlotResponse
            {
                Id = reader.GetGuid(0),
                SpecialistEmail = reader.GetString(1),
                ServiceId = reader.IsDBNull(2) ? null : reader.GetString(2),
                Date = reader.GetFieldValue<DateOnly>(3),
                StartTime = reader.GetFieldValue<TimeOnly>(4),
                EndTime = reader.GetFieldValue<TimeOnly>(5),
                Timezone = reader.GetString(6),
                StartsAt = reader.GetDateTime(7),
                EndsAt = reader.GetDateTime(8),
                Duration = reader.GetInt32(9),
                TotalCapacity = reader.GetInt32(10),
                RemainingCapacity = reader.GetInt32(11),
                WaitlistOpen = reader.GetInt32(11) == 0,
                WaitingCount = reader.GetInt32(12),
            });
        }

        return rows;
    }
}
