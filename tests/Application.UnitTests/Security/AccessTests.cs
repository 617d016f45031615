using FluentValidation;
using NSubstitute;
using Slots.Application.Common.Security;
using Slots.Application.Events;
using Slots.Application.Slots;
using Slots.Application.Slots.DeleteSeries;
using Slots.Application.Slots.JoinWaitlist;
using Slots.Domain.Common;
using Slots.Domain.Slots;
using static Slots.Application.UnitTests.TestData;

namespace Slots.Application.UnitTests.Security;

/// <summary>The checks of <see cref="Access"/> on their own: who is named, who cancels, and what each refusal says.</summary>
public class AccessTests
{
    private static readonly Actor Cara = User("cara", "cara@x.io", Role.Customer).Actor!;
    private static readonly Actor Bob = User("spec-bob", "bob@example.com", Role.Specialist).Actor!;
    private static readonly Actor Service = User("svc-shop", null, Role.Service).Actor! with { Scopes = new HashSet<ServiceScope> { ServiceScope.BookingsWrite } };

    [Fact]
    public void A_refused_role_is_told_which_roles_and_scope_would_do()
    {
        var role = Assert.Throws<AccessDeniedException>(() => Cara.EnsureRole(new HashSet<Role> { Role.Specialist }, ServiceScope.EventsRead));
        var scope = Assert.Throws<AccessDeniedException>(() =>
            (Service with { Scopes = new HashSet<ServiceScope>() }).EnsureRole(new HashSet<Role> { Role.Specialist }, ServiceScope.EventsRead));

        Assert.Equal("role_not_allowed", role.Code);
        Assert.Equal("This needs the specialist or admin role, or a service's events:read scope.", role.Message);
        Assert.Equal(("scope_missing", "This needs the events:read scope."), (scope.Code, scope.Message));
        Service.EnsureRole(new HashSet<Role> { Role.Specialist }, ServiceScope.BookingsWrite);
    }

    [Fact]
    public void A_specialist_names_no_one_but_themselves_by_email_or_id()
    {
        var byId = Assert.Throws<AccessDeniedException>(() => Bob.SpecialistFor(null, "spec-ann"));
        var byEmail = Assert.Throws<AccessDeniedException>(() => Bob.SpecialistFor("ann@example.com", null));

        Assert.Equal(("not_yourself", "not_yourself"), (byId.Code, byEmail.Code));
        Assert.Equal(new Specialist(Issuer, "spec-bob", "bob@example.com"), Bob.SpecialistFor("BOB@example.com", "spec-bob"));
    }

    [Fact]
    public void A_customer_left_unnamed_takes_the_tokens_name_then_their_email()
    {
        Assert.Equal("Cara C", (Cara with { Name = "Cara C" }).CustomerFor(null, null, null).Name);
        Assert.Equal("cara@x.io", Cara.CustomerFor(null, null, null).Name);
        Assert.Equal("Given", (Cara with { Name = "Cara C" }).CustomerFor(null, null, "Given").Name);
    }

    [Fact]
    public void A_customers_fields_carry_their_zone_and_must_be_there()
    {
        Assert.Equal("Europe/Berlin", Cara.CustomerFor(new JoinWaitlistCommand(Guid.Empty, Timezone: "Europe/Berlin")).Timezone);
        Assert.Null(Cara.CustomerFor(new JoinWaitlistCommand(Guid.Empty)).Timezone);
        Assert.Throws<ArgumentNullException>(() => Cara.CustomerFor((ICustomerFields)null!));
    }

    [Fact]
    public void An_admin_must_name_a_customer_in_full_and_every_field_left_out_is_named()
    {
        var admin = Admin.Actor!;

        var ex = Assert.Throws<ValidationException>(() => admin.CustomerFor("c1", null, null));

        Assert.Equal(["customerEmail", "customerName"], ex.Errors.Select(e => e.PropertyName));
        Assert.Equal(new Customer("c1", "c1@x.io", "C One"), admin.CustomerFor("c1", "c1@x.io", "C One"));
    }

    [Fact]
    public void Who_cancels_is_said_by_who_they_are_to_the_slot()
    {
        var slot = Slot();

        Assert.Equal(CancelledBy.Admin, Admin.Actor!.EnsureMayCancel(slot, "dan"));
        Assert.Equal(CancelledBy.Specialist, Ann.Actor!.EnsureMayCancel(slot, "dan"));
        Assert.Equal(CancelledBy.Service, Service.EnsureMayCancel(slot, "dan"));
        Assert.Equal(CancelledBy.Customer, Cara.EnsureMayCancel(slot, "cara"));
    }

    [Fact]
    public void A_customer_may_not_cancel_for_another_and_a_stranger_learns_nothing_of_the_slot()
    {
        var slot = Slot();

        var customer = Assert.Throws<AccessDeniedException>(() => Cara.EnsureMayCancel(slot, "dan"));
        var stranger = Assert.Throws<DomainException>(() => Bob.EnsureMayCancel(slot, "dan"));

        Assert.Equal(("not_yourself", "slot_not_found"), (customer.Code, stranger.Code));
    }

    [Fact]
    public void An_admin_reads_every_owners_slots_and_anyone_else_only_their_own()
    {
        Assert.Null(Admin.Actor!.OwnerFilter);
        Assert.Equal((Issuer, "spec-bob"), Bob.OwnerFilter);
    }

    [Theory]
    [InlineData(null, new ServiceScope[0])]
    [InlineData("", new ServiceScope[0])]
    [InlineData("events:read  bookings:write unknown", new[] { ServiceScope.EventsRead, ServiceScope.BookingsWrite })]
    public void A_scope_claim_names_the_known_scopes(string? claim, ServiceScope[] scopes) =>
        Assert.Equal(scopes.ToHashSet(), ServiceScopes.Parse(claim));

    [Fact]
    public async Task A_series_changes_only_its_slots_not_started_and_one_slot_of_another_owner_hides_it_all()
    {
        var seriesId = Guid.NewGuid();
        var ann = new Specialist(Issuer, "spec-ann", "ann@example.com");
        var at = (string start, Specialist owner) => Domain.Slots.Slot.Create(
            owner, null, SlotTime.Create(new DateOnly(2030, 1, 16), TimeOnly.Parse(start), TimeOnly.Parse(start).AddHours(1), "UTC"), 1, Now, seriesId);
        var (started, later) = (at("09:00", ann), at("11:00", ann));
        var repository = Substitute.For<ISlotRepository>();
        repository.GetSeriesForUpdateAsync(seriesId, Arg.Any<CancellationToken>()).Returns([started, later]);
        var clock = Clock();
        clock.SetUtcNow(new DateTimeOffset(started.StartsAt, TimeSpan.Zero));

        var delete = new DeleteSeriesHandler(repository, Ann, clock, Substitute.For<IEventOutbox>(), Substitute.For<IBulkWriteBudget>());

        Assert.Equal([later.Id], (await delete.Handle(new DeleteSeriesCommand(seriesId), default)).Deleted);
        repository.GetSeriesForUpdateAsync(seriesId, Arg.Any<CancellationToken>())
            .Returns([started, at("13:00", new Specialist(Issuer, "spec-bob", "ann@example.com"))]);
        var ex = await Assert.ThrowsAsync<DomainException>(() => delete.Handle(new DeleteSeriesCommand(seriesId), default).AsTask());
        Assert.Equal("series_not_found", ex.Code);
    }
}
