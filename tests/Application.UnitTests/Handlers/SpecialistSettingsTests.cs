using FluentValidation;
using NSubstitute;
using Slots.Application.Common.Security;
using Slots.Application.Slots;
using Slots.Application.Slots.Policies;
using Slots.Application.Slots.Policies.SetPolicy;
using Slots.Application.Specialists;
using Slots.Application.Specialists.SetProfile;
using Slots.Domain.Common;
using Slots.Domain.Slots;
using static Slots.Application.UnitTests.TestData;

namespace Slots.Application.UnitTests.Handlers;

/// <summary>A specialist's own settings, the profile and the policy: saved under their own handle, claimed as a first slot claims it.</summary>
public class SpecialistSettingsTests
{
    private static readonly ICurrentUser AnnWithName = new Caller(User("spec-ann", "ann@example.com", Role.Specialist).Actor! with { Name = "  Ann A.  " });

    private readonly ISlotRepository _repository = Substitute.For<ISlotRepository>();
    private readonly ISpecialistProfiles _profiles = Substitute.For<ISpecialistProfiles>();
    private readonly ISpecialistPolicies _policies = Substitute.For<ISpecialistPolicies>();

    public SpecialistSettingsTests()
    {
        _repository.HoldsHandleAsync(default!, default, default).ReturnsForAnyArgs(true);
        _profiles.SaveAsync(default!, default).ReturnsForAnyArgs(true);
        _policies.SaveAsync(default!, default!, default).ReturnsForAnyArgs(true);
    }

    private Task<SpecialistProfile> SetProfile(ProfileInput input, ICurrentUser? user = null, string email = "Ann@Example.com") =>
        new SetProfileHandler(_repository, _profiles, user ?? AnnWithName).Handle(new SetProfileCommand(email, input), default).AsTask();

    [Fact]
    public async Task A_profile_is_saved_tidied_under_the_specialists_own_handle_claimed_under_the_schedule_lock()
    {
        var profile = await SetProfile(new ProfileInput(
            " Dr Ann ", "\r\n First line\r\nsecond line \r\n", "Europe/Berlin",
            [new ServiceOffer("intro", "  Intro call ", 30, "  Half an hour  "), new ServiceOffer("deep", "Deep dive", Description: "   ")]));

        Assert.Equal(("ann@example.com", "Dr Ann", "First line\nsecond line", "Europe/Berlin"),
            (profile.Email, profile.DisplayName, profile.Introduction, profile.Timezone));
        Assert.Equal([new ServiceOffer("intro", "Intro call", 30, "Half an hour"), new ServiceOffer("deep", "Deep dive")], profile.Services);
        Received.InOrder(() =>
        {
            _repository.LockScheduleAsync("ann@example.com", Arg.Any<CancellationToken>());
            _repository.HoldsHandleAsync(Arg.Is<Specialist>(s => s.Id == "spec-ann" && s.Email == "ann@example.com"), true, Arg.Any<CancellationToken>());
            _profiles.SaveAsync(profile, Arg.Any<CancellationToken>());
        });
    }

    [Fact]
    public async Task A_profile_left_empty_takes_the_sign_in_name_and_clears_the_rest()
    {
        var profile = await SetProfile(new ProfileInput(Introduction: " \n "));

        Assert.Equal(new SpecialistProfile("ann@example.com", "Ann A.", null, null, []), profile with { Services = [] });
        Assert.Empty(profile.Services);
    }

    [Fact]
    public async Task A_profile_needs_a_name_when_the_sign_in_gave_none_and_an_admin_never_lends_theirs()
    {
        var nameless = await Assert.ThrowsAsync<ValidationException>(() => SetProfile(new ProfileInput(), Ann));
        var blank = await Assert.ThrowsAsync<ValidationException>(() => SetProfile(new ProfileInput(DisplayName: "   "), AnnWithName));
        var admin = await Assert.ThrowsAsync<ValidationException>(() =>
            SetProfile(new ProfileInput(), new Caller(User("svc", null, Role.Admin).Actor! with { Name = "Back office" })));

        Assert.All([nameless, blank, admin], ex => Assert.Equal("displayName", Assert.Single(ex.Errors).PropertyName));
        await _profiles.DidNotReceiveWithAnyArgs().SaveAsync(default!, default);
    }

    [Fact]
    public async Task An_admin_writes_any_existing_handles_profile_without_claiming_it()
    {
        var profile = await SetProfile(new ProfileInput("Ann"), Admin, "bob@example.com");

        Assert.Equal("bob@example.com", profile.Email);
        await _repository.DidNotReceiveWithAnyArgs().LockScheduleAsync(default!, default);
        await _repository.DidNotReceiveWithAnyArgs().HoldsHandleAsync(default!, default, default);
    }

    [Fact]
    public async Task A_handle_nobody_has_or_another_account_holds_is_refused()
    {
        _profiles.SaveAsync(default!, default).ReturnsForAnyArgs(false);
        var missing = await Assert.ThrowsAsync<DomainException>(() => SetProfile(new ProfileInput("Ann"), Admin, "nobody@example.com"));
        _repository.HoldsHandleAsync(default!, default, default).ReturnsForAnyArgs(false);
        var taken = await Assert.ThrowsAsync<DomainException>(() => SetProfile(new ProfileInput("Ann")));

        Assert.Equal(("specialist_not_found", "handle_taken"), (missing.Code, taken.Code));
        await _profiles.ReceivedWithAnyArgs(1).SaveAsync(default!, default);
    }

    [Fact]
    public async Task A_specialist_writes_only_under_their_own_email()
    {
        var ex = await Assert.ThrowsAsync<AccessDeniedException>(() => SetProfile(new ProfileInput("Ann"), email: "bob@example.com"));

        Assert.Equal("not_yourself", ex.Code);
        await _repository.DidNotReceiveWithAnyArgs().LockScheduleAsync(default!, default);
    }

    [Fact]
    public async Task A_policy_is_saved_under_the_specialists_own_handle_and_refused_for_a_handle_nobody_has()
    {
        var handler = new SetPolicyHandler(_repository, _policies, Ann);

        var policy = await handler.Handle(new SetPolicyCommand("ANN@example.com", new PolicyInput(60, Waitlist: true)), default);
        _policies.SaveAsync(default!, default!, default).ReturnsForAnyArgs(false);
        var missing = await Assert.ThrowsAsync<DomainException>(() =>
            handler.Handle(new SetPolicyCommand("ann@example.com", new PolicyInput()), default).AsTask());

        Assert.Equal(new BookingPolicy(60, 0, ReasonRule.Optional, null, true), policy);
        await _policies.Received(1).SaveAsync("ann@example.com", policy, Arg.Any<CancellationToken>());
        await _repository.Received(2).HoldsHandleAsync(Arg.Any<Specialist>(), true, Arg.Any<CancellationToken>());
        Assert.Equal("specialist_not_found", missing.Code);
    }

    [Fact]
    public void A_policy_left_out_takes_the_defaults_and_an_override_left_out_follows_the_specialist()
    {
        Assert.Equal(BookingPolicy.Default, new PolicyInput().ToPolicy());
        Assert.Equal(
            new BookingPolicy(5, 10, ReasonRule.Required, 15, true),
            new PolicyInput(5, 10, ReasonRule.Required, 15, true).ToPolicy());
        Assert.Equal(PolicyOverride.None, new PolicyInput().ToOverride());
        Assert.Equal(
            new BookingPolicy(5, 0, ReasonRule.Optional),
            new PolicyInput(BookingNoticeMinutes: 5).ToOverride().Over(BookingPolicy.Default));
    }
}

/// <summary>A signed-in caller the test describes in full.</summary>
internal sealed record Caller(Actor? Actor) : ICurrentUser;
