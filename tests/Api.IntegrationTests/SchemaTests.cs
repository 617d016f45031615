using System.Net;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Slots.Api.IntegrationTests.Infrastructure;
using Slots.Domain.Common;
using Slots.Domain.Slots;
using Slots.Infrastructure.Persistence;

namespace Slots.Api.IntegrationTests;

/// <summary>
/// The database backs the aggregate up on its own: even SQL that skips the application cannot oversell,
/// double-book or overlap, and a constraint that fires under the application becomes the aggregate's 409.
/// </summary>
[Collection(ApiCollection.Name)]
public class SchemaTests(SlotsApiFactory factory) : ApiTestBase(factory)
{
    [Fact]
    public async Task The_committed_migrations_match_the_model()
    {
        await using var db = Factory.NewDbContext();

        Assert.False(db.Database.HasPendingModelChanges(), "The model changed without a migration: add one.");
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
    }

    [Fact]
    public async Task Sql_cannot_push_the_count_past_capacity()
    {
        var slot = Id(await CreateSlotAsync(NewSpecialist(), capacity: 2));

        var ex = await Assert.ThrowsAsync<PostgresException>(() => Factory.ExecuteAsync("UPDATE slots SET booked_count = 3 WHERE id = $1", slot));

        Assert.Equal(PostgresErrorCodes.CheckViolation, ex.SqlState);
        Assert.Equal("ck_slots_booked_count", ex.ConstraintName);
    }

    [Fact]
    public async Task Sql_cannot_give_a_customer_two_live_bookings_in_one_slot()
    {
        var slot = Id(await CreateSlotAsync(NewSpecialist(), capacity: 3));
        Assert.Equal(HttpStatusCode.Created, (await BookAsync(Client, slot, "twice")).StatusCode);

        var ex = await Assert.ThrowsAsync<PostgresException>(() => Factory.ExecuteAsync(
            "INSERT INTO bookings (id, slot_id, customer_id, customer_email, customer_name, booked_at, cancellable_until, reschedulable_until) VALUES (gen_random_uuid(), $1, 'twice', 't@x.io', 'T', now(), now(), now())",
            slot));

        Assert.Equal(PostgresErrorCodes.UniqueViolation, ex.SqlState);
        Assert.Equal("ux_bookings_live_customer", ex.ConstraintName);
    }

    [Fact]
    public async Task Sql_cannot_overlap_two_slots_of_one_specialist()
    {
        var specialist = NewSpecialist();
        var slot = Id(await CreateSlotAsync(specialist, start: "10:00", end: "11:00"));

        var ex = await Assert.ThrowsAsync<PostgresException>(() => Factory.ExecuteAsync("""
            INSERT INTO slots (id, specialist_issuer, specialist_id, specialist_email, date, start_time, end_time, timezone, starts_at, ends_at,
                               duration_minutes, total_capacity, booked_count, status, created_at, updated_at)
            SELECT gen_random_uuid(), specialist_issuer, specialist_id, specialist_email, date, start_time, end_time, timezone,
                   starts_at + interval '30 minutes', ends_at + interval '30 minutes', 60, 1, 0, 'active', now(), now()
            FROM slots WHERE id = $1
            """, slot));

        Assert.Equal(PostgresErrorCodes.ExclusionViolation, ex.SqlState);
        Assert.Equal("ex_slots_no_overlap", ex.ConstraintName);
    }

    /// <summary>The constraint follows the owner: another account's slot under the same email (as an old release let one in) is not the owner's overlap.</summary>
    [Fact]
    public async Task Sql_overlap_is_per_owner_not_per_email()
    {
        var slot = Id(await CreateSlotAsync(NewSpecialist(), start: "10:00", end: "11:00"));

        await Factory.ExecuteAsync("""
            INSERT INTO slots (id, specialist_issuer, specialist_id, specialist_email, date, start_time, end_time, timezone, starts_at, ends_at,
                               duration_minutes, total_capacity, booked_count, status, created_at, updated_at)
            SELECT gen_random_uuid(), specialist_issuer, 'another-account', specialist_email, date, start_time, end_time, timezone,
                   starts_at, ends_at, 60, 1, 0, 'active', now(), now()
            FROM slots WHERE id = $1
            """, slot);

        Assert.Equal(2L, await Factory.ScalarAsync<long>(
            "SELECT count(*) FROM slots WHERE specialist_email = (SELECT specialist_email FROM slots WHERE id = $1)", slot));
    }

    [Fact]
    public async Task A_constraint_that_fires_under_the_application_is_the_aggregates_409()
    {
        // A slot loaded without its row lock is stale by the time it saves: the database catches it.
        var slot = Id(await CreateSlotAsync(NewSpecialist(), capacity: 3));
        await using var db = Factory.NewDbContext();
        var stale = await db.Slots.Include(s => s.Bookings).SingleAsync(s => s.Id == slot);
        Assert.Equal(HttpStatusCode.Created, (await BookAsync(Client, slot, "quick")).StatusCode);

        var ex = await Assert.ThrowsAsync<DomainException>(() => new UnitOfWork(db, new DatabaseCircuit()).ExecuteAsync(
            _ =>
            {
                db.Attach(stale); // the unit of work starts each attempt on a clean change tracker
                return Task.FromResult(stale.Book(new Customer("quick", "q@x.io", "Q"), Factory.Clock.GetUtcNow(), BookingPolicy.Default));
            },
            default));

        Assert.Equal("already_booked", ex.Code);
        Assert.Equal(1L, await Factory.ScalarAsync<long>("SELECT count(*) FROM bookings WHERE slot_id = $1", slot));
    }
}
