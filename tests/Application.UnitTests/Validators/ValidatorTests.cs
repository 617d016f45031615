using FluentValidation.TestHelper;
using Slots.Application.Common;
using Slots.Application.Slots.BookSlot;
using Slots.Application.Slots.CancelBooking;
using Slots.Application.Slots.ChangeSeries;
using Slots.Application.Slots.Policies;
using Slots.Application.Slots.CreateSlot;
using Slots.Application.Slots.ListAvailableSlots;
using Slots.Application.Slots.ListSpecialistSlots;
using Slots.Application.Slots.UpdateSlot;
using Slots.Domain.Slots;
using static Slots.Application.UnitTests.TestData;

namespace Slots.Application.UnitTests.Validators;

public class ValidatorTests
{
    private static readonly CreateSlotCommand ValidCreate = new("2030-02-01", "09:00", "10:00", 3, "Europe/Berlin", SpecialistEmail: "ann@example.com");

    [Fact]
    public void A_complete_create_request_is_valid() =>
        new CreateSlotValidator(Clock()).TestValidate(ValidCreate).ShouldNotHaveAnyValidationErrors();

    [Theory]
    [InlineData("not-an-email")]
    [InlineData("")]
    [InlineData(" ann@example.com")]
    [InlineData("\u212Aate@example.com")]
    [InlineData("ann@exampl\u0435.com")]
    [InlineData("a@b@example.com")]
    public void Create_refuses_a_malformed_email(string email) =>
        new CreateSlotValidator(Clock()).TestValidate(ValidCreate with { SpecialistEmail = email })
            .ShouldHaveValidationErrorFor(c => c.SpecialistEmail);

    [Theory]
    [InlineData("2030-2-1")]
    [InlineData("01/02/2030")]
    [InlineData("2030-02-30")]
    [InlineData("")]
    public void Create_needs_an_iso_date(string date) =>
        new CreateSlotValidator(Clock()).TestValidate(ValidCreate with { Date = date }).ShouldHaveValidationErrorFor(c => c.Date);

    [Fact]
    public void Create_refuses_a_date_more_than_two_years_ahead()
    {
        var validator = new CreateSlotValidator(Clock());

        validator.TestValidate(ValidCreate with { Date = "2032-01-15" }).ShouldNotHaveValidationErrorFor(c => c.Date);
        validator.TestValidate(ValidCreate with { Date = "2032-01-16" }).ShouldHaveValidationErrorFor(c => c.Date);
    }

    [Theory]
    [InlineData("9:00")]
    [InlineData("09:00:00")]
    [InlineData("24:00")]
    [InlineData("9am")]
    public void Create_needs_hh_mm_times(string time) =>
        new CreateSlotValidator(Clock()).TestValidate(ValidCreate with { StartTime = time })
            .ShouldHaveValidationErrorFor(c => c.StartTime);

    [Theory]
    [InlineData(0)]
    [InlineData(1001)]
    public void Create_bounds_the_capacity(int capacity) =>
        new CreateSlotValidator(Clock()).TestValidate(ValidCreate with { TotalCapacity = capacity })
            .ShouldHaveValidationErrorFor(c => c.TotalCapacity);

    [Fact]
    public void Update_says_that_date_and_capacity_cannot_change()
    {
        var result = new UpdateSlotValidator().TestValidate(new UpdateSlotCommand(Guid.NewGuid(), "10:00", null, null, ChangesDate: true, ChangesCapacity: true));

        result.ShouldHaveValidationErrorFor("date").WithErrorMessage("The date of a slot cannot be changed after creation; create a new slot instead.");
        result.ShouldHaveValidationErrorFor("totalCapacity");
    }

    [Fact]
    public void Update_needs_something_to_change() =>
        new UpdateSlotValidator().TestValidate(new UpdateSlotCommand(Guid.NewGuid(), null, null, null))
            .ShouldHaveValidationErrorFor("body");

    [Fact]
    public void Update_and_series_change_know_two_statuses()
    {
        new UpdateSlotValidator().TestValidate(new UpdateSlotCommand(Guid.NewGuid(), null, null, (SlotStatus)2))
            .ShouldHaveValidationErrorFor(c => c.Status);
        new ChangeSeriesValidator().TestValidate(new ChangeSeriesCommand(Guid.NewGuid(), (SlotStatus)2))
            .ShouldHaveValidationErrorFor(c => c.Status);
        new ChangeSeriesValidator().TestValidate(new ChangeSeriesCommand(Guid.NewGuid(), null))
            .ShouldHaveValidationErrorFor(c => c.Status);
        new ChangeSeriesValidator().TestValidate(new ChangeSeriesCommand(Guid.NewGuid(), SlotStatus.Inactive))
            .ShouldNotHaveAnyValidationErrors();
        new ChangeSeriesValidator().TestValidate(new ChangeSeriesCommand(Guid.NewGuid(), null, new PolicyInput(CancelNoticeMinutes: 60)))
            .ShouldNotHaveAnyValidationErrors();
        new ChangeSeriesValidator().TestValidate(new ChangeSeriesCommand(Guid.NewGuid(), null, new PolicyInput(CancelNoticeMinutes: -1)))
            .ShouldHaveValidationErrorFor(c => c.Policy!.CancelNoticeMinutes);
    }

    [Fact]
    public void Book_needs_the_customer()
    {
        var result = new BookSlotValidator().TestValidate(new BookSlotCommand(Guid.NewGuid(), "", "nope", "   "));

        result.ShouldHaveValidationErrorFor(c => c.CustomerId);
        result.ShouldHaveValidationErrorFor(c => c.CustomerEmail);
        result.ShouldHaveValidationErrorFor(c => c.CustomerName);
    }

    [Fact]
    public void Ids_are_bounded_and_printable()
    {
        var validator = new CancelBookingValidator();

        validator.TestValidate(new CancelBookingCommand(Guid.NewGuid(), new string('x', 129))).ShouldHaveValidationErrorFor(c => c.CustomerId);
        validator.TestValidate(new CancelBookingCommand(Guid.NewGuid(), "a\u0000b")).ShouldHaveValidationErrorFor(c => c.CustomerId);
        validator.TestValidate(new CancelBookingCommand(Guid.NewGuid(), "cust-1")).ShouldNotHaveAnyValidationErrors();
    }

    [Fact]
    public void Available_range_must_be_ordered_and_bounded()
    {
        var validator = new ListAvailableSlotsValidator(Clock());

        validator.TestValidate(new ListAvailableSlotsQuery("a@b.io", "2030-02-01", "2030-01-31", null, null)).ShouldHaveValidationErrorFor(q => q.EndDate);
        validator.TestValidate(new ListAvailableSlotsQuery("a@b.io", "2030-01-01", "2031-01-03", null, null)).ShouldHaveValidationErrorFor(q => q.EndDate);
        validator.TestValidate(new ListAvailableSlotsQuery("a@b.io", "2030-1-1", null, null, null)).ShouldHaveValidationErrorFor(q => q.StartDate);
        validator.TestValidate(new ListAvailableSlotsQuery("a@b.io", "2030-01-01", "2030-01-01", 500, null)).ShouldNotHaveAnyValidationErrors();
    }

    [Theory]
    [InlineData("1969-12-31", null)]
    [InlineData("2199-12-31", null)]
    [InlineData("2200-01-01", "2200-01-02")]
    [InlineData(null, "2199-12-31")]
    [InlineData("0001-01-01", "0001-01-02")]
    public void Available_dates_stay_in_the_supported_window(string? start, string? end) =>
        Assert.False(new ListAvailableSlotsValidator(Clock()).Validate(new ListAvailableSlotsQuery("a@b.io", start, end, null, null)).IsValid);

    [Theory]
    [InlineData("1970-01-01", "1970-01-31")]
    [InlineData("2199-11-30", null)]
    [InlineData(null, null)]
    public void Available_dates_inside_the_window_are_accepted(string? start, string? end) =>
        new ListAvailableSlotsValidator(Clock()).TestValidate(new ListAvailableSlotsQuery("a@b.io", start, end, null, null))
            .ShouldNotHaveAnyValidationErrors();

    [Theory]
    [InlineData("svc\u202E")]
    [InlineData("zero\u200Bwidth")]
    [InlineData("line\nbreak")]
    public void Ids_refuse_control_and_format_characters(string serviceId) =>
        new CreateSlotValidator(Clock()).TestValidate(ValidCreate with { ServiceId = serviceId })
            .ShouldHaveValidationErrorFor(c => c.ServiceId);

    [Fact]
    public void Ids_refuse_half_a_surrogate_pair() =>
        new CreateSlotValidator(Clock()).TestValidate(ValidCreate with { ServiceId = "half" + (char)0xD800 })
            .ShouldHaveValidationErrorFor(c => c.ServiceId);

    [Fact]
    public void Names_may_hold_any_printable_text() =>
        new BookSlotValidator().TestValidate(new BookSlotCommand(Guid.NewGuid(), CustomerName: "Zoë 😀 Ünal"))
            .ShouldNotHaveAnyValidationErrors();

    [Theory]
    [InlineData(0)]
    [InlineData(501)]
    public void Page_size_is_bounded(int limit) =>
        new ListSpecialistSlotsValidator().TestValidate(new ListSpecialistSlotsQuery("a@b.io", limit, null))
            .ShouldHaveValidationErrorFor(q => q.Limit);

    [Theory]
    [InlineData("garbage!")]
    [InlineData("czo=")]
    public void Cursors_must_be_ours(string cursor) =>
        new ListSpecialistSlotsValidator().TestValidate(new ListSpecialistSlotsQuery("a@b.io", null, cursor))
            .ShouldHaveValidationErrorFor(q => q.Cursor);

    [Fact]
    public void A_cursor_we_issued_is_accepted() =>
        new ListSpecialistSlotsValidator().TestValidate(new ListSpecialistSlotsQuery("a@b.io", null, Paging.EncodeCursor(Now.UtcDateTime)))
            .ShouldNotHaveAnyValidationErrors();
}
