using Slots.Api.IntegrationTests.Infrastructure;
using Slots.Application.Slots.ListAvailableSlots;
using Slots.Infrastructure.Persistence;
using Slots.Tests.Shared;

namespace Slots.Api.IntegrationTests;

/// <summary>
/// The customers' view is read by a hand-written statement (<see cref="AvailableSlotsStatement"/>), not by EF's
/// translation of the criteria's meaning (<see cref="AvailableSlotsMeaning"/>). Both run here on the same rows and must answer alike: slots full,
/// inactive, started, of other specialists, of another account under the same email, outside the local dates, in zones
/// whose local date is not the UTC one, and of another service than the one asked for.
/// </summary>
[Collection(ApiCollection.Name)]
public class AvailableSlotsStatementTests(SlotsApiFactory factory) : ApiTestBase(factory)
{
    [Fact]
    public async Task The_statement_answers_what_EF_reads_for_the_criteria_specification()
    {
        string[] specialists = [NewSpecialist(), NewSpecialist(), NewSpecialist(), NewSpecialist(), NewSpecialist()];
        var now = Factory.Clock.GetUtcNow().UtcDateTime;
        var today = DateOnly.FromDateTime(now);
        await SeedAsync(specialists, today);
        // Half the slots take a waitlist by their own policy, for the criteria that list the full ones too; the first
        // specialist's policy takes one for the rest of theirs.
        await Factory.ExecuteAsync("UPDATE slots SET waitlist = (hashtext(id::text) % 2 = 0) WHERE specialist_email = ANY($1) AND hashtext(id::text) % 3 <> 0", (object)specialists);
        await Factory.ExecuteAsync("UPDATE specialists SET waitlist = true WHERE email = $1", specialists[0]);
        // Half the slots with a free seat have it and the others held: live holds, holds past their time, released ones.
        await Factory.ExecuteAsync(
            """
            WITH free AS (
                SELECT id, total_capacity - booked_count AS free, random() AS r FROM slots
                WHERE specialist_email = ANY($1) AND booked_count < total_capacity),
            h AS (
                INSERT INTO seat_holds (id, slot_id, customer_id, customer_email, customer_name, created_at, expires_at, status)
                SELECT gen_random_uuid(), f.id, 'holder-' || i, 'holder-' || i || '@x.io', 'Holder', $2 - interval '20 minutes',
                       CASE WHEN (i + floor(f.r * 10)::int) % 3 = 0 THEN $2 - interval '1 minute' ELSE $2 + interval '5 minutes' END,
                       CASE WHEN (i + floor(f.r * 10)::int) % 4 = 0 THEN 'released' ELSE 'live' END
                FROM free f, generate_series(1, f.free) AS i
                WHERE f.r < 0.5
                RETURNING slot_id, status)
            UPDATE slots s SET held_count = c.n
            FROM (SELECT slot_id, count(*) FILTER (WHERE status = 'live') AS n FROM h GROUP BY slot_id) c
            WHERE s.id = c.slot_id
            """,
            specialists, now);
        await using var db = Factory.NewDbContext();
        var reader = new SlotReader(db, new DatabaseCircuit(), new ReadGate(8));

        var compared = 0;
        foreach (var email in specialists)
        {
            AvailableSlotsCriteria[] criteria =
            [
                new(email, today, today.AddDays(30), now, null, 101),
                new(email.ToUpperInvariant(), today.AddDays(5), today.AddDays(6), now, null, 101),
                new(email, today.AddDays(-3), today.AddDays(40), now, now.AddDays(10).AddHours(7), 101),
                new(email, today.AddDays(-3), today.AddDays(40), now, now.AddDays(-1), 3),
                new(email, today.AddDays(-3), today.AddDays(40), now.AddHours(13), null, 500),
                new(email, today, today.AddDays(30), now, null, 101, "svc-1"),
                new(email, today, today.AddDays(30), now, null, 101, "no-such-service"),
                new(email, today, today.AddDays(30), now, null, 101) { IncludeFull = true },
                new(email, today.AddDays(-3), today.AddDays(40), now, now.AddDays(-1), 3, "svc-1") { IncludeFull = true },
            ];
            foreach (var values in criteria)
            {
                var meaning = new AvailableSlotsMeaning(values, Owner(email), specialistsWaitlist: email == specialists[0]);
                var byEf = await reader.ListAsync(meaning, AvailableSlotsMeaning.RowsAt(values.Now), default);
                var byStatement = await reader.ListAvailableAsync(values, default);

                Assert.Equal(byEf, byStatement);
                compared += byEf.Count;
            }
        }

        // The rows leave something out for every criterion, and the comparison saw rows at all.
        Assert.True(compared > 50, $"only {compared} rows compared");
        foreach (var excluded in new[]
        {
            "status = 'inactive'", "booked_count = total_capacity AND waitlist", "booked_count = total_capacity AND NOT waitlist",
            "booked_count = total_capacity AND waitlist IS NULL", $"starts_at <= '{now:O}'::timestamptz",
            "date <> (starts_at AT TIME ZONE 'UTC')::date", "specialist_id = 'squatter'", "service_id = 'svc-2'",
            $"booked_count < total_capacity AND booked_count + (SELECT count(*) FROM seat_holds h WHERE h.slot_id = slots.id AND h.status = 'live' AND h.expires_at > '{now:O}'::timestamptz) = total_capacity",
            $"EXISTS (SELECT 1 FROM seat_holds h WHERE h.slot_id = slots.id AND h.status = 'live' AND h.expires_at <= '{now:O}'::timestamptz)",
        })
        {
            Assert.True(
                await Factory.ScalarAsync<long>($"SELECT count(*) FROM slots WHERE specialist_email = ANY($1) AND {excluded}", (object)specialists) > 0,
                excluded);
        }
    }

    [Fact]
    public async Task An_instant_that_is_not_UTC_is_refused_not_compared_as_local_time()
    {
        var local = DateTime.SpecifyKind(Factory.Clock.GetUtcNow().UtcDateTime, DateTimeKind.Unspecified);
        var today = DateOnly.FromDateTime(local);
        await using var db = Factory.NewDbContext();
        var reader = new SlotReader(db, new DatabaseCircuit(), new ReadGate(8));

        await Assert.ThrowsAnyAsync<Exception>(() =>
            reader.ListAvailableAsync(new AvailableSlotsCriteria(NewSpecialist(), today, today.AddDays(1), local, null, 10), default));
    }

    /// <summary>
    /// About a third of the hours from 06:00 to 20:00 of each day from three days ago to 40 days on, per specialist:
    /// a random quarter past (so slots never overlap), 15 to 30 minutes long, each specialist in a zone of their own
    /// (from UTC-11 to UTC+14), 1-3 seats of which a random number is taken, one in five inactive, some with a service;
    /// each specialist's email their handle; and five open slots of another account under each email.
    /// </summary>
    private async Task SeedAsync(string[] specialists, DateOnly today)
    {
        await Factory.ExecuteAsync(
            """
            WITH g AS MATERIALIZED (
                SELECT e, d::date AS d, make_time(h, (floor(random() * 3) * 15)::int, 0) AS t,
                       (ARRAY[15, 20, 30])[1 + floor(random() * 3)::int] AS dur,
                       (ARRAY['UTC', 'Europe/Berlin', 'America/Los_Angeles', 'Pacific/Kiritimati', 'Pacific/Pago_Pago'])[1 + (n - 1) % 5] AS tz,
                       1 + floor(random() * 3)::int AS cap, random() AS taken, random() AS inactive, random() AS service
                FROM unnest($1::text[]) WITH ORDINALITY AS u(e, n),
                     generate_series($2::date - 3, $2::date + 40, interval '1 day') AS d,
                     generate_series(6, 20) AS h
                WHERE random() < 0.35
            )
            INSERT INTO slots (id, specialist_issuer, specialist_id, specialist_email, service_id, date, start_time, end_time, timezone,
                               starts_at, ends_at, duration_minutes, total_capacity, booked_count, status, created_at, updated_at)
            SELECT gen_random_uuid(), 'seed-issuer', 'owner-' || e, e, CASE WHEN service < 0.3 THEN 'svc-1' WHEN service < 0.5 THEN 'svc-2' END, d, t, t + make_interval(mins => dur), tz,
                   (d + t) AT TIME ZONE tz, (d + t + make_interval(mins => dur)) AT TIME ZONE tz, dur, cap,
                   least(cap, floor(taken * (cap + 1))::int), CASE WHEN inactive < 0.2 THEN 'inactive' ELSE 'active' END, now(), now()
            FROM g
            """,
            specialists, today);
        await Factory.ExecuteAsync(
            "INSERT INTO specialists (email, issuer, subject) SELECT e, 'seed-issuer', 'owner-' || e FROM unnest($1::text[]) AS e", (object)specialists);
        // Another account's open slots under the same emails, as an old release let it publish them: never shown.
        await Factory.ExecuteAsync(
            """
            INSERT INTO slots (id, specialist_issuer, specialist_id, specialist_email, date, start_time, end_time, timezone,
                               starts_at, ends_at, duration_minutes, total_capacity, booked_count, status, created_at, updated_at)
            SELECT gen_random_uuid(), 'seed-issuer', 'squatter', e, $2::date + i, time '05:00', time '05:30', 'UTC',
                   (($2::date + i) + time '05:00') AT TIME ZONE 'UTC', (($2::date + i) + time '05:30') AT TIME ZONE 'UTC', 30, 1, 0, 'active', now(), now()
            FROM unnest($1::text[]) AS e, generate_series(1, 5) AS i
            """,
            specialists, today);
    }

    /// <summary>The owner of the seeded handle <paramref name="email"/>.</summary>
    private static (string, string) Owner(string email) => ("seed-issuer", "owner-" + email);
}
