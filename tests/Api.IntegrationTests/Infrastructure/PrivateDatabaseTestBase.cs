using Microsoft.EntityFrameworkCore;

namespace Slots.Api.IntegrationTests.Infrastructure;

/// <summary>
/// A migrated database of the test's own, on which no API or dispatcher runs: what a test finds there is what the part
/// under test did. Dropped after the test.
/// </summary>
public abstract class PrivateDatabaseTestBase(SlotsApiFactory factory) : IAsyncLifetime
{
    private readonly string _name = $"slots_parts_{Guid.NewGuid():N}";

    protected SlotsApiFactory Factory { get; } = factory;

    protected string ConnectionString { get; private set; } = "";

    public virtual async Task InitializeAsync()
    {
        ConnectionString = await Factory.CreateDatabaseAsync(_name);
        await using var db = SlotsApiFactory.NewDbContextOn(ConnectionString);
        await db.Database.MigrateAsync();
    }

    public virtual async Task DisposeAsync() => await Factory.DropDatabaseAsync(_name);

    protected Task<T> ScalarAsync<T>(string sql, params object[] parameters) => Factory.ScalarOnAsync<T>(ConnectionString, sql, parameters);

    protected Task ExecuteAsync(string sql, params object[] parameters) => Factory.ExecuteOnAsync(ConnectionString, sql, parameters);
}
