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
            new SlotReader(db, new DatabaseCircuit(), new ReadGate(8)).ListAsync(new CapturingSpec(), q => q.ProjectToResponse(), default));

        Assert.Contains("may read only its own properties", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_compiled_specification_whose_sort_key_captures_a_local_is_refused()
    {
        await using var db = Factory.NewDbContext();

        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            new SlotReader(db, new DatabaseCircuit(), new ReadGate(8)).ListAsync(new CapturingKeySpec(), q => q.ProjectToResponse(), default));

        Assert.Contains("may read only its own properties", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_compiled_specification_whose_query_uses_the_specification_whole_is_refused()
    {
        await using var db = Factory.NewDbContext();

        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            new SlotReader(db, new DatabaseCircuit(), new ReadGate(8)).ListAsync(new WholeSpec("ann@example.com"), q => q.ProjectToResponse(), default));

        Assert.Contains("other than by reading its properties", refused.Message, StringComparison.Ordinal);
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
        var reader = new SlotReader(db, new DatabaseCircuit(), new ReadGate(8));

        var forAnn = await reader.ListAsync(new BySpecialistSpec(ann), q => q.ProjectToResponse(), default);
        var forBob = await reader.ListAsync(new BySpecialistSpec(bob), q => q.ProjectToResponse(), default);

        Assert.All(forAnn, s => Assert.Equal(ann, s.SpecialistEmail));
        Assert.Single(forAnn);
        Assert.All(forBob, s => Assert.Equal(bob, s.SpecialistEmail));
        Assert.Equal(2, forBob.Count);
    }

    private sealed class BySpecialistSpec(string email) : ICompiledSpecification<BySpecialistSpec, Slot>
    {
        public static SpecificationQuery<BySpecialistSpec, Slot> Query { get; } = new SpecificationQuery<BySpecialistSpec, Slot>()
            .Where((spec, s) => s.SpecialistEmail == spec.Email)
            .OrderBy(s => s.StartsAt);

        public string Email { get; } = email;

        public int Take => 10;
    }

    private sealed class CapturingSpec : ICompiledSpecification<CapturingSpec, Slot>
    {
        public static SpecificationQuery<CapturingSpec, Slot> Query { get; } = For("ann@example.com");

        public int Take => 10;

        private static SpecificationQuery<CapturingSpec, Slot> For(string email) =>
            new SpecificationQuery<CapturingSpec, Slot>().Where((_, s) => s.SpecialistEmail == email);
    }

    private sealed class CapturingKeySpec : ICompiledSpecification<CapturingKeySpec, Slot>
    {
        public static SpecificationQuery<CapturingKeySpec, Slot> Query { get; } = By(30);

        public int Take => 10;

        private static SpecificationQuery<CapturingKeySpec, Slot> By(int minutes) =>
            new SpecificationQuery<CapturingKeySpec, Slot>().OrderBy(s => s.StartsAt.AddMinutes(minutes));
    }

    private sealed class WholeSpec(string email) : ICompiledSpecification<WholeSpec, Slot>
    {
        public static SpecificationQuery<WholeSpec, Slot> Query { get; } = new SpecificationQuery<WholeSpec, Slot>()
            .Where((spec, s) => s.SpecialistEmail == spec.ToString());

        public int Take => 10;

        public override string ToString() => email;
    }
}
