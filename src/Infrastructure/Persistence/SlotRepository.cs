using Microsoft.EntityFrameworkCore;
using Slots.Application.Common;
using Slots.Domain.Slots;

namespace Slots.Infrastructure.Persistence;

internal sealed class SlotRepository(SlotsDbContext db) : ISlotRepository
{
    public async Task<Slot?> GetForUpdateAsync(Guid slotId, string? customerId, CancellationToken cancellationToken)
    {
        // The row lock comes first, in a statement of its own, and is held until the command's transaction
        // ends; every command takes it the same way, so concurrent commands on one slot queue here instead of
        // deadlocking. The load below is a separate statement on purpose: under READ COMMITTED it takes its
        // snapshot after the lock was granted, so it sees what the previous holder committed. Read in the
        // locking statement itself, the bookings would come from a snapshot taken before the wait, and a
        // booking cancelled meanwhile would still look live (and be cancelled, and counted off, twice).
        await db.Database.ExecuteSqlAsync($"SELECT FROM slots WHERE id = {slotId} FOR UPDATE", cancellationToken);

        var slot = db.Slots.Where(s => s.Id == slotId);
        if (customerId is not null)
        {
            // The partial unique index on live bookings serves this.
            slot = slot.Include(s => s.Bookings.Where(b => b.CustomerId == customerId && b.CancelledAt == null));
        }

        return await slot.SingleOrDefaultAsync(cancellationToken);
    }

    public async Task LockScheduleAsync(string specialistEmail, CancellationToken cancellationToken)
    {
        // A transaction-scoped advisory lock on a hash of the slot's (normalized) email: released at commit
        // or rollback. A hash collision only makes two specialists queue behind each other, never a wrong answer.
        await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock(hashtextextended({specialistEmail}, 0))", cancellationToken);
    }

    public void Add(Slot slot) => db.Slots.Add(slot);

    public void Remove(Slot slot) => db.Slots.Remove(slot);
}
