using Microsoft.EntityFrameworkCore;
using Slots.Application.Common;
using Slots.Domain.Slots;

namespace Slots.Infrastructure.Persistence;

internal sealed class SlotRepository(SlotsDbContext db) : ISlotRepository
{
    public async Task<Slot?> GetForUpdateAsync(Guid slotId, string? customerId, CancellationToken cancellationToken)
    {
        // The row lock comes first and is held until the command's transaction ends; every command takes
        // it the same way, so concurrent commands on one slot queue here instead of deadlocking.
        var locked = db.Slots.FromSql($"SELECT * FROM slots WHERE id = {slotId} FOR UPDATE");
        if (customerId is null)
        {
            // ToListAsync keeps EF from wrapping the locking SELECT in a subquery.
            return (await locked.ToListAsync(cancellationToken)).SingleOrDefault();
        }

        // One round trip: the locking SELECT becomes a subquery (PostgreSQL still locks the row it returns),
        // joined to the customer's live booking, which the partial unique index on live bookings serves.
        return await locked
            .Include(s => s.Bookings.Where(b => b.CustomerId == customerId && b.CancelledAt == null))
            .SingleOrDefaultAsync(cancellationToken);
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
