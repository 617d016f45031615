using Microsoft.EntityFrameworkCore;
using Slots.Api.IntegrationTests.Infrastructure;

namespace Slots.Api.IntegrationTests;

/// <summary>
/// <c>./slots migrate</c> runs the API as <c>dotnet Slots.Api.dll migrate</c>: on an empty database it applies every
/// migration and exits 0, without serving.
/// </summary>
[Collection(ApiCollection.Name)]
public class MigrateCommandTests(SlotsApiFactory factory) : ApiTestBase(factory)
{
    [Fact]
    public async Task Migrate_applies_every_migration_to_an_empty_database_and_exits()
    {
        var database = $"slots_migrate_{Guid.NewGuid():N}";
        var connection = await Factory.CreateDatabaseAsync(database);
        try
        {
            var (exit, output, errors) = await Factory.RunCommandAsync(connection, quiet: false, "migrate");

            Assert.True(exit == 0, $"exit code {exit}: {output}{errors}");
            Assert.DoesNotContain("Now listening", output, StringComparison.Ordinal);
            await using var db = SlotsApiFactory.NewDbContextOn(connection);
            Assert.Equal(db.Database.GetMigrations(), await db.Database.GetAppliedMigrationsAsync());
            Assert.NotEmpty(db.Database.GetMigrations());
        }
        finally
        {
            await Factory.DropDatabaseAsync(database);
        }
    }
}
