using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Slots.Domain.Slots;

namespace Slots.Infrastructure.Persistence;

public sealed class SlotsDbContext(DbContextOptions<SlotsDbContext> options) : DbContext(options)
{
    public DbSet<Slot> Slots => Set<Slot>();

    public DbSet<Booking> Bookings => Set<Booking>();

    /// <summary>
    /// The slot whose row lock <see cref="RowLockInterceptor"/> sends in front of the next query. The options
    /// must include that interceptor; <see cref="SlotRepository"/> refuses to go on without the lock.
    /// </summary>
    internal Guid? SlotToLock { get; set; }

    /// <summary>The current transaction's id, once a lock statement has reported it; see <see cref="UnitOfWork"/>.</summary>
    internal long? TransactionId { get; set; }

    /// <summary>Asks <see cref="CommitInterceptor"/> to send COMMIT behind the next batch of changes.</summary>
    internal bool CommitWithChanges { get; set; }

    /// <summary>Whether COMMIT went out with the changes; the transaction is then over on the server.</summary>
    internal bool CommitSent { get; set; }

    /// <summary>What every context's options must include: the unit of work's statements depend on them.</summary>
    internal static IInterceptor[] Interceptors { get; } = [RowLockInterceptor.Instance, CommitInterceptor.Instance];

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        // Lets the overlap exclusion constraint combine "=" on the email with "&&" on the time range.
        modelBuilder.HasPostgresExtension("btree_gist");
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(SlotsDbContext).Assembly);
    }
}
