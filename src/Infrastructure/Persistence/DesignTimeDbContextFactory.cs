using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Slots.Infrastructure.Persistence;

/// <summary>Lets <c>dotnet ef migrations add</c> build the model without starting the API.</summary>
internal sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<SlotsDbContext>
{
    public SlotsDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SlotsDbContext>()
            .UseNpgsql(Environment.GetEnvironmentVariable("SLOTS_DB") ?? "Host=127.0.0.1;Port=5433;Database=slots;Username=postgres")
            .Options);
}
