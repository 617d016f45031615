using Slots.Api.IntegrationTests.Infrastructure;
using Slots.Application.Common;
using Slots.Application.Slots;
using Slots.Domain.Slots;
using Slots.Infrastructure.Persistence;

namespace Slots.Api.IntegrationTests;

/// <summary>A compiled specification that breaks its rules is refused, never run with another call's values.</summary>
[Collection(ApiCollection.Name)]
public class SpecificationCompilerTests(SlotsApiFactory factory) : ApiTestBase(factory)
{
    [Fact]
    public async Task A_compiled_specification_that_captures_a_local_is_refused()
    {
        await using var db = Factory.NewDbContext();

        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            new SlotReader(db).ListAsync(new CapturingSpec("ann@example.com"), q => q.ProjectToResponse(), default));

        Assert.Contains("may read only its own properties", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_compiled_specification_whose_criteria_depend_on_its_values_is_refused()
    {
        await using var db = Factory.NewDbContext();
        var reader = new SlotReader(db);
        await reader.ListAsync(new ShapeShiftingSpec("ann@example.com", alsoActive: false), q => q.ProjectToResponse(), default);

        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            reader.ListAsync(new ShapeShiftingSpec("ann@example.com", alsoActive: true), q => q.ProjectToResponse(), default));

        Assert.Contains("changed its criteria", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Each_call_runs_with_its_own_values()
    {
        var ann = NewSpecialist();
        var bob = NewSpecialist();
        await CreateSlotAsync(ann);
        await CreateSlotAsync(bob);
        await CreateSlotAsync(bob, start: "12:00", end: "13:00");
        await using var db = Factory.NewDbContext();
        var reader = new SlotReader(db);

        var forAnn = await reader.ListAsync(new BySpecialistSpec(ann), q => q.ProjectToResponse(), default);
        var forBob = await reader.ListAsync(new BySpecialistSpec(bob), q => q.ProjectToResponse(), default);

        Assert.All(forAnn, s => Assert.Equal(ann, s.SpecialistEmail));
        Assert.Single(forAnn);
        Assert.All(forBob, s => Assert.Equal(bob, s.SpecialistEmail));
        Assert.Equal(2, forBob.Count);
    }

    private sealed class BySpecialistSpec : CompiledSpecification<Slot>
    {
        public BySpecialistSpec(string email)
        {
            Email = email;
            Where(s => s.SpecialistEmail == Email);
            OrderBy(s => s.StartsAt);
        }

        public string Email { get; }
    }

    private sealed class CapturingSpec : CompiledSpecification<Slot>
    {
        public CapturingSpec(string email) => Where(s => s.SpecialistEmail == email);
    }

    private sealed class ShapeShiftingSpec : CompiledSpecification<Slot>
    {
        public ShapeShiftingSpec(string email, bool alsoActive)
        {
            Email = email;
            Where(s => s.SpecialistEmail == Email);
            if (alsoActive)
            {
                Where(s => s.Status == SlotStatus.Active);
            }
        }

        public string Email { get; }
    }
}
