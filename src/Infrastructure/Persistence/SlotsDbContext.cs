using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Slots.Domain.Slots;

namespace Slots.Infrastructure.Persistence;

public sealed class SlotsDbContext(DbContextOptions<SlotsDbContext> options) : DbContext(options), IDataProtectionKeyContext
{
    public DbSet<Slot> Slots => Set<Slot>();

    /// <summary>The key ring that seals the webhook secrets (<see cref="Webhooks.WebhookSecrets"/>), shared by every process.</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    /// <summary>The row lock, transaction id and COMMIT a command sends around EF's statements; see <see cref="UnitOfWork"/>.</summary>
    internal CommandRoundTrips RoundTrips { get; } = new();

    /// <summary>What every context's options must include: the unit of work's statements depend on it.</summary>
    internal static IInterceptor[] Interceptors { get; } = [CommandRoundTrips.Interceptor.Instance];

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        // Lets the overlap exclusion constraint combine "=" on the email with "&&" on the time range.
        modelBuilder.HasPostgresExtension("btree_gist");
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(SlotsDbContext).Assembly);
    }
}
