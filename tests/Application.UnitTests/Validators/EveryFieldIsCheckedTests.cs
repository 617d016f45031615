using FluentValidation.TestHelper;
using Slots.Application.Slots;
using Slots.Application.Slots.CreateSlot;
using Slots.Application.Slots.JoinWaitlist;
using Slots.Application.Slots.ListAvailableSlots;
using Slots.Application.Slots.ListSpecialistSlots;
using Slots.Application.Slots.Policies;
using Slots.Application.Slots.Policies.SetPolicy;
using Slots.Application.Slots.UpdateSlot;
using Slots.Domain.Slots;
using static Slots.Application.UnitTests.TestData;

namespace Slots.Application.UnitTests.Validators;

/// <summary>
/// For each request, one bad value per field, each named by the error it gets while the rest of the request is valid: a rule
/// left out of a validator fails here.
/// </summary>
public class EveryFieldIsCheckedTests
{
    private static readonly CreateSlotCommand Create = new("2030-02-01", "09:00", "10:00", 3, "Europe/Berlin", "svc-1", "ann@example.com", "spec-ann");
    private static readonly ListAvailableSlotsQuery Available = new("ann@example.com", "2030-02-01", "2030-02-10", 10, null, "svc-1");
    private static readonly ListSpecialistSlotsQuery Schedule = new("ann@example.com", 10, null, "svc-1", "upcoming", "active");

    [Fact]
    public void A_create_names_each_bad_field()
    {
        var validator = new CreateSlotValidator(Clock());

        validator.TestValidate(Create).ShouldNotHaveAnyValidationErrors();
        validator.TestValidate(Create with { SpecialistId = "" }).ShouldHaveValidationErrorFor(c => c.SpecialistId);
        validator.TestValidate(Create with { EndTime = "25:00" }).ShouldHaveValidationErrorFor(c => c.EndTime);
        validator.TestValidate(Create with { Timezone = "" }).ShouldHaveValidationErrorFor(c => c.Timezone);
        validator.TestValidate(Create with { Policy = new PolicyInput(BookingNoticeMinutes: -1) })
            .ShouldHaveValidationErrorFor(c => c.Policy!.BookingNoticeMinutes);
        validator.TestValidate(Create with { Timezone = null, SpecialistId = null, Policy = null }).ShouldNotHaveAnyValidationErrors();
    }

    [Theory]
    [InlineData("9:00", null)]
    [InlineData(null, "9:00")]
    public void An_update_refuses_a_time_that_is_not_hh_mm(string? start, string? end)
    {
        var result = new UpdateSlotValidator().TestValidate(new UpdateSlotCommand(Guid.NewGuid(), start, end, null));

        Assert.Equal([start is null ? "EndTime" : "StartTime"], result.Errors.Select(e => e.PropertyName));
    }

    [Fact]
    public void An_update_takes_any_one_change_alone_and_checks_its_policy()
    {
        var validator = new UpdateSlotValidator();
        var nothing = new UpdateSlotCommand(Guid.NewGuid(), null, null, null);

        validator.TestValidate(nothing with { StartTime = "09:00" }).ShouldNotHaveAnyValidationErrors();
        validator.TestValidate(nothing with { EndTime = "09:00" }).ShouldNotHaveAnyValidationErrors();
        validator.TestValidate(nothing with { Status = SlotStatus.Inactive }).ShouldNotHaveAnyValidationErrors();
        validator.TestValidate(nothing with { Policy = new PolicyInput(Waitlist: true) }).ShouldNotHaveAnyValidationErrors();
        validator.TestValidate(nothing with { Policy = new PolicyInput(RescheduleNoticeMinutes: -1) })
            .ShouldHaveValidationErrorFor(c => c.Policy!.RescheduleNoticeMinutes);
        // A body that tries to change only the date is told that, not that it changes nothing.
        var onlyDate = validator.TestValidate(nothing with { ChangesDate = true });
        Assert.Equal(["date"], onlyDate.Errors.Select(e => e.PropertyName));
        Assert.Equal(["totalCapacity"], validator.TestValidate(nothing with { ChangesCapacity = true }).Errors.Select(e => e.PropertyName));
    }

    [Fact]
    public void A_policy_bounds_every_notice_and_knows_its_reason_rules()
    {
        var validator = new PolicyInputValidator();

        validator.TestValidate(new PolicyInput(0, 0, ReasonRule.Required, SlotLimits.MaxNoticeMinutes)).ShouldNotHaveAnyValidationErrors();
        validator.TestValidate(new PolicyInput(RescheduleNoticeMinutes: SlotLimits.MaxNoticeMinutes + 1)).ShouldHaveValidationErrorFor(p => p.RescheduleNoticeMinutes);
        validator.TestValidate(new PolicyInput(CancellationReason: (ReasonRule)9)).ShouldHaveValidationErrorFor(p => p.CancellationReason);
    }

    [Fact]
    public void Setting_a_policy_needs_a_handle_and_a_valid_body()
    {
        var validator = new SetPolicyValidator();

        validator.TestValidate(new SetPolicyCommand("ann@example.com", new PolicyInput())).ShouldNotHaveAnyValidationErrors();
        validator.TestValidate(new SetPolicyCommand("not-an-email", new PolicyInput())).ShouldHaveValidationErrorFor(c => c.SpecialistEmail);
        Assert.NotEmpty(validator.TestValidate(new SetPolicyCommand("ann@example.com", new PolicyInput(CancelNoticeMinutes: -1))).Errors);
        Assert.Equal("body", Assert.Single(validator.TestValidate(new SetPolicyCommand("ann@example.com", null!)).Errors).PropertyName);
    }

    [Fact]
    public void The_customers_view_names_each_bad_parameter()
    {
        var validator = new ListAvailableSlotsValidator(Clock());

        validator.TestValidate(Available).ShouldNotHaveAnyValidationErrors();
        validator.TestValidate(Available with { SpecialistEmail = "ann" }).ShouldHaveValidationErrorFor(q => q.SpecialistEmail);
        validator.TestValidate(Available with { EndDate = "2030-2-10" }).ShouldHaveValidationErrorFor(q => q.EndDate);
        validator.TestValidate(Available with { Limit = 0 }).ShouldHaveValidationErrorFor(q => q.Limit);
        validator.TestValidate(Available with { Cursor = "not a cursor" }).ShouldHaveValidationErrorFor(q => q.Cursor);
        validator.TestValidate(Available with { ServiceId = "" }).ShouldHaveValidationErrorFor(q => q.ServiceId);
    }

    [Fact]
    public void The_specialists_list_names_each_bad_parameter()
    {
        var validator = new ListSpecialistSlotsValidator();

        validator.TestValidate(Schedule).ShouldNotHaveAnyValidationErrors();
        validator.TestValidate(Schedule with { When = "past" }).ShouldNotHaveAnyValidationErrors();
        validator.TestValidate(Schedule with { SpecialistEmail = "ann" }).ShouldHaveValidationErrorFor(q => q.SpecialistEmail);
        validator.TestValidate(Schedule with { ServiceId = "" }).ShouldHaveValidationErrorFor(q => q.ServiceId);
        validator.TestValidate(Schedule with { When = "tomorrow" }).ShouldHaveValidationErrorFor(q => q.When);
        validator.TestValidate(Schedule with { Status = "Active" }).ShouldHaveValidationErrorFor(q => q.Status);
    }

    [Fact]
    public void A_customers_zone_is_not_blank()
    {
        var validator = new JoinWaitlistValidator();

        validator.TestValidate(new JoinWaitlistCommand(Guid.NewGuid(), Timezone: "Asia/Kathmandu")).ShouldNotHaveAnyValidationErrors();
        validator.TestValidate(new JoinWaitlistCommand(Guid.NewGuid(), Timezone: "")).ShouldHaveValidationErrorFor(c => c.Timezone);
    }
}
