using NetArchTest.Rules;
using Slots.Api.Endpoints;
using Slots.Application.Slots;
using Slots.Domain.Slots;
using Slots.Infrastructure.Persistence;

namespace Slots.Architecture.Tests;

/// <summary>Dependencies point inwards: Api -> Infrastructure -> Application -> Domain, and never back.</summary>
public class LayerTests
{
    private static readonly System.Reflection.Assembly Domain = typeof(Slot).Assembly;
    private static readonly System.Reflection.Assembly Application = typeof(ISlotRepository).Assembly;
    private static readonly System.Reflection.Assembly Infrastructure = typeof(SlotsDbContext).Assembly;

    [Fact]
    public void Domain_depends_on_nothing_but_the_base_library() =>
        AssertClean(Types.InAssembly(Domain).ShouldNot().HaveDependencyOnAny(
            "Slots.Application", "Slots.Infrastructure", "Slots.Api",
            "Microsoft.EntityFrameworkCore", "Npgsql", "Mediator", "FluentValidation", "Riok.Mapperly",
            "Microsoft.AspNetCore", "Microsoft.Extensions", "System.Text.Json", "System.Net.Http").GetResult());

    [Fact]
    public void Application_depends_on_neither_infrastructure_nor_api_nor_the_database() =>
        AssertClean(Types.InAssembly(Application).ShouldNot().HaveDependencyOnAny(
            "Slots.Infrastructure", "Slots.Api",
            "Microsoft.EntityFrameworkCore", "Npgsql", "Microsoft.AspNetCore").GetResult());

    [Fact]
    public void Infrastructure_does_not_depend_on_the_api() =>
        AssertClean(Types.InAssembly(Infrastructure).ShouldNot().HaveDependencyOn("Slots.Api").GetResult());

    /// <summary>
    /// The API reaches Infrastructure through Application's interfaces; only its composition root, <c>Program</c> (in the
    /// global namespace), names Infrastructure's types, to register them.
    /// </summary>
    [Fact]
    public void The_api_uses_infrastructure_only_in_its_composition_root() =>
        AssertClean(Types.InAssembly(typeof(ConsultingSlotsEndpoints).Assembly).That().ResideInNamespaceStartingWith("Slots.Api")
            .ShouldNot().HaveDependencyOnAny("Slots.Infrastructure", "Npgsql", "Microsoft.EntityFrameworkCore").GetResult());

    [Fact]
    public void Handlers_and_validators_are_sealed() =>
        AssertClean(Types.InAssembly(Application).That().HaveNameEndingWith("Handler").Or().HaveNameEndingWith("Validator")
            .Should().BeSealed().GetResult());

    private static void AssertClean(TestResult result) =>
        Assert.True(result.IsSuccessful, "Offending types: " + string.Join(", ", result.FailingTypeNames ?? []));
}
