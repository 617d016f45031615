using Ardalis.Specification;
using Slots.Api.IntegrationTests.Infrastructure;
using Slots.Application.Slots;
using Slots.Domain.Slots;
using Slots.Infrastructure.Persistence;

namespace Slots.Api.IntegrationTests;

/// <summary>
/// Ordinary specifications are Ardalis.Specification's; the evaluator runs their criteria, ordering (either way) and limit
/// on PostgreSQL and refuses every other builder feature rather than dropping it silently.
/// </summary>
[Collection(ApiCollection.Name)]
public class SpecificationEvaluatorTests(SlotsApiFactory factory) : ApiTestBase(factory)
{
    [Fact]
    public async Task Criteria_ordering_and_limit_run_in_the_database()
    {
        var specialist = NewSpecialist();
        var days = new[] { 3, 1, 4, 2 };
        foreach (var day in days)
        {
            await CreateSlotAsync(specialist, days: day);
        }

        await using var db = Factory.NewDbContext();
        var rows = await Reader(db).ListAsync(new EarliestOf(specialist, 3), q => q.ProjectToResponse(), default);

        Assert.Equal([Day(1), Day(2), Day(3)], rows.Select(r => r.Date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)));
        // And the other way round (a customer's past bookings, the latest first).
        var latest = await Reader(db).ListAsync(new LatestOf(specialist, 3), q => q.ProjectToResponse(), default);
        Assert.Equal([Day(4), Day(3), Day(2)], latest.Select(r => r.Date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Theory]
    [InlineData("Include")]
    [InlineData("Skip")]
    [InlineData("AsSplitQuery")]
    [InlineData("TagWith")]
    public async Task A_feature_the_evaluator_does_not_evaluate_is_refused(string feature)
    {
        await using var db = Factory.NewDbContext();

        var refused = await Assert.ThrowsAsync<NotSupportedException>(() =>
            Reader(db).ListAsync(new Using(feature), q => q.ProjectToResponse(), default));

        Assert.Contains(feature, refused.Message, StringComparison.Ordinal);
    }

    private static SlotReader Reader(SlotsDbContext db) => new(db, new DatabaseCircuit(), new ReadGate(8));

    private sealed class EarliestOf : Specification<Slot>
    {
        public EarliestOf(string email, int take) =>
            Query.Where(s => s.SpecialistEmail == email).OrderBy(s => s.StartsAt).ThenBy(s => s.Id).Take(take);
    }

    private sealed class LatestOf : Specification<Slot>
    {
        public LatestOf(string email, int take) =>
            Query.Where(s => s.SpecialistEmail == email).OrderByDescending(s => s.StartsAt).ThenByDescending(s => s.Id).Take(take);
    }

    private sealed class Using : Specification<Slot>
    {
        public Using(string feature)
        {
            Query.Where(s => s.Status == SlotStatus.Active);
            _ = feature switch
            {
                "Include" => Query.Include(s => s.Bookings) as object,
                "Skip" => Query.Skip(1),
                "AsSplitQuery" => Query.AsSplitQuery(),
                _ => Query.TagWith("tagged"),
            };
        }
    }
}
