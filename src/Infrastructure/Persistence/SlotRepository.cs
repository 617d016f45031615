using System.Diagnostics;
using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Slots.Application.Common;
using Slots.Domain.Slots;

namespace Slots.Infrastructure.Persistence;

internal sealed class SlotRepository(SlotsDbContext db) : ISlotRepository
{
    // Compiled once per model: every command runs one of these, and an ordinary LINQ query would have its
    // expression tree built, walked for parameters and hashed for EF's query cache on each call (a fifth of a
    // booking's API CPU under perf). A compiled query refuses a context with another model (the tests build some).
    private static readonly ConcurrentDictionary<IModel, Func<SlotsDbContext, Guid, CancellationToken, Task<Slot?>>>
        LoadSlot = new();

    private static readonly ConcurrentDictionary<IModel, Func<SlotsDbContext, Guid, string, CancellationToken, Task<Slot?>>>
        LoadSlotWithLiveBooking = new();

    private static readonly ConcurrentDictionary<IModel, Func<SlotsDbContext, Guid, CancellationToken, Task<Slot?>>>
        LoadSlotWithLiveBookings = new();

    public Task<Slot?> GetForUpdateAsync(Guid slotId, SlotLoad load, CancellationToken cancellationToken)
    {
        db.RoundTrips.LockBeforeNextQuery(slotId);
        return LoadLockedAsync(() => load switch
        {
            { CustomerId: { } customerId } => LoadSlotWithLiveBooking.GetOrAdd(db.Model, static _ => CompileLoadWithLiveBooking())(
                db, slotId, customerId, cancellationToken),
            { AllLive: true } => LoadSlotWithLiveBookings.GetOrAdd(db.Model, static _ => EF.CompileAsyncQuery(
                (SlotsDbContext db, Guid slotId, CancellationToken _) =>
                    db.Slots
                        .Include(s => s.Bookings.Where(b => b.CancelledAt == null))
                        .SingleOrDefault(s => s.Id == slotId)))(db, slotId, cancellationToken),
            _ => LoadSlot.GetOrAdd(db.Model, static _ => EF.CompileAsyncQuery(
                (SlotsDbContext db, Guid slotId, CancellationToken _) =>
                    db.Slots.SingleOrDefault(s => s.Id == slotId)))(db, slotId, cancellationToken),
        });
    }

    public async Task<(Slot? Slot, LiveBookingCounts Held)> GetForBookingAsync(
        Guid slotId, string customerId, DateTime now, CancellationToken cancellationToken)
    {
        // The row lock, the customer's lock and count, then the load: one round trip (CommandRoundTrips).
        db.RoundTrips.LockBeforeNextQuery(slotId, customerId, now);
        var slot = await LoadLockedAsync(() => LoadSlotWithLiveBooking.GetOrAdd(db.Model, static _ => CompileLoadWithLiveBooking())(
            db, slotId, customerId, cancellationToken));
        return (slot, db.RoundTrips.Held ?? throw LockNotSent());
    }

    public async Task LockScheduleAsync(string specialistEmail, CancellationToken cancellationToken)
    {
        // A transaction-scoped advisory lock on a hash of the slot's (normalized) email: released at commit
        // or rollback. A hash collision only makes two specialists queue behind each other, never a wrong answer.
        // Like the row lock, it reports the transaction id for the unit of work.
        db.RoundTrips.ReportTransactionId(await db.Database
            .SqlQuery<long>($"SELECT txid_current() AS \"Value\" FROM pg_advisory_xact_lock(hashtextextended({specialistEmail}, 0))")
            .SingleAsync(cancellationToken));
    }

    /// <summary>
    /// Runs the load the lock was asked for in front of (<see cref="CommandRoundTrips.LockBeforeNextQuery"/>). The row
    /// lock goes out first, as a statement of its own in front of the load, and every command takes it the same way,
    /// so concurrent commands on one slot queue there instead of deadlocking; the load runs once the lock is granted
    /// and sees what the previous holder committed.
    /// </summary>
    private async Task<Slot?> LoadLockedAsync(Func<Task<Slot?>> load)
    {
        try
        {
            EnsureInTransaction();
            var sent = Stopwatch.GetTimestamp();
            var loaded = await load();
            SlotsMetrics.LockWait.Record(SlotsMetrics.MillisecondsSince(sent));
            return db.RoundTrips.LockPending ? throw LockNotSent() : loaded;
        }
        finally
        {
            db.RoundTrips.CancelLock();
        }
    }

    /// <summary>A row lock is held until the command's transaction ends, so outside one it would protect nothing.</summary>
    private void EnsureInTransaction()
    {
        if (db.Database.CurrentTransaction is null)
        {
            throw new InvalidOperationException("Slots are loaded for update only inside the unit of work's transaction.");
        }
    }

    private static InvalidOperationException LockNotSent() =>
        new($"The row lock was not sent: the context's options lack {nameof(CommandRoundTrips)}.{nameof(CommandRoundTrips.Interceptor)}.");

    // Only the customer's live booking, if any: the partial unique index on live bookings serves it.
    private static Func<SlotsDbContext, Guid, string, CancellationToken, Task<Slot?>> CompileLoadWithLiveBooking() =>
        EF.CompileAsyncQuery((SlotsDbContext db, Guid slotId, string customerId, CancellationToken _) =>
            db.Slots
                .Include(s => s.Bookings.Where(b => b.CustomerId == customerId && b.CancelledAt == null))
                .SingleOrDefault(s => s.Id == slotId));

    public async Task<IReadOnlyList<BusyTime>> BusyTimesAsync(
        string specialistEmail, DateTime from, DateTime to, CancellationToken cancellationToken) =>
        await db.Slots.AsNoTracking()
            .Where(s => s.SpecialistEmail == specialistEmail && s.StartsAt < to && s.EndsAt > from)
            .OrderBy(s => s.StartsAt)
            .Select(s => new BusyTime(s.StartsAt, s.EndsAt))
            .ToListAsync(cancellationToken);

    public async Task<IReadOnlyList<Slot>> GetSeriesForUpdateAsync(Guid seriesId, CancellationToken cancellationToken)
    {
        EnsureInTransaction();
        // The locks first, in id order: a booking locks one of these rows and then only its customer, so no two
        // commands wait for each other in opposite orders. The load then sees what the previous holders committed.
        var locked = await db.Database
            .SqlQuery<Guid>($"SELECT id AS \"Value\" FROM slots WHERE series_id = {seriesId} ORDER BY id FOR UPDATE")
            .ToListAsync(cancellationToken);
        if (locked.Count == 0)
        {
            return [];
        }

        return await db.Slots
            .Include(s => s.Bookings.Where(b => b.CancelledAt == null))
            .Where(s => s.SeriesId == seriesId)
            .OrderBy(s => s.StartsAt)
            .AsSplitQuery()
            .ToListAsync(cancellationToken);
    }

    public void Add(Slot slot) => db.Slots.Add(slot);

    public void Remove(Slot slot) => db.Slots.Remove(slot);
}
