namespace Slots.Api.IntegrationTests.Infrastructure;

/// <summary>
/// One API and one fresh database for all HTTP tests. They run one class at a time because they share
/// the fake clock; each test uses its own specialist, so their data never meets.
/// </summary>
[CollectionDefinition(Name)]
public sealed class ApiCollection : ICollectionFixture<SlotsApiFactory>
{
    public const string Name = "api";
}
