using Microsoft.EntityFrameworkCore;
using Slots.Domain.Slots;

namespace Slots.Infrastructure.Persistence;

public sealed class SlotsDbContext(DbContextOptions<SlotsDbContext> options) : DbContext(options)
{
    public DbSet<Slot> Slots => Set<Slot>();

    public DbSet<Booking> Bookings => Set<Booking>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        // Lets the overlap exclusion constraint combine "=" on the email with "&&" on the time range.
        modelBuilder.HasPostgresExtension("btree_gist");
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(SlotsDbContext).Assembly);
    }
}
