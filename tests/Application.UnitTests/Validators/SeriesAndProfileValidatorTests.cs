using FluentValidation.TestHelper;
using Slots.Application.Slots.CreateSeries;
using Slots.Application.Specialists;
using Slots.Application.Specialists.SetProfile;
using Slots.Domain.Slots;
using static Slots.Application.UnitTests.TestData;

namespace Slots.Application.UnitTests.Validators;

/// <summary>The series' and the profile's validators, field by field, at and past each limit.</summary>
public class SeriesAndProfileValidatorTests
{
    private static readonly CreateSeriesCommand Series = new(
        "2030-02-04", "2030-02-28", ["monday", "wednesday"], [new SeriesWindow("09:00", "12:00")], 60, 0, 1, "Europe/Berlin");

    private static readonly SetProfileCommand Profile = new(
        "ann@example.com", new ProfileInput("Ann", "Career coach.\nIn English.", "Europe/Berlin", [new ServiceOffer("coaching", "Coaching", 60, "One hour.")]));

    private static TestValidationResult<CreateSeriesCommand> Check(CreateSeriesCommand command) =>
        new CreateSeriesValidator(Clock()).TestValidate(command);

    private static TestValidationResult<SetProfileCommand> Check(SetProfileCommand command) =>
        new SetProfileValidator().TestValidate(command);

    [Fact]
    public void A_complete_series_and_one_with_only_what_it_needs_are_valid()
    {
        Check(Series with { SpecialistEmail = "ann@example.com", SpecialistId = "spec-1", ServiceId = "coaching" }).ShouldNotHaveAnyValidationErrors();
        Check(new CreateSeriesCommand("2030-02-04", "2030-02-04", ["sunday"], [new SeriesWindow("00:00", "23:59")], 1439)).ShouldNotHaveAnyValidationErrors();
    }

    [Fact]
    public void Each_bad_part_of_a_series_is_named()
    {
        Check(Series with { SpecialistEmail = "not-an-email" }).ShouldHaveValidationErrorFor(c => c.SpecialistEmail);
        Check(Series with { SpecialistId = "a\nb" }).ShouldHaveValidationErrorFor(c => c.SpecialistId);
        Check(Series with { ServiceId = "" }).ShouldHaveValidationErrorFor(c => c.ServiceId);
        Check(Series with { From = "" }).ShouldHaveValidationErrorFor(c => c.From);
        Check(Series with { From = "2030-2-4" }).ShouldHaveValidationErrorFor(c => c.From);
        Check(Series with { To = "2030-02-30" }).ShouldHaveValidationErrorFor(c => c.To);
        Check(Series with { To = "2032-01-16" }).ShouldHaveValidationErrorFor(c => c.To);
        Check(Series with { To = "2032-01-15" }).ShouldNotHaveValidationErrorFor(c => c.To);
        Check(Series with { Timezone = "" }).ShouldHaveValidationErrorFor(c => c.Timezone);
        Check(Series with { Policy = new global::Slots.Application.Slots.Policies.PolicyInput(BookingNoticeMinutes: -1) }).ShouldHaveValidationErrorFor("Policy.BookingNoticeMinutes");
    }

    [Fact]
    public void The_weekdays_are_one_to_seven_days_each_named_once()
    {
        Check(Series with { Weekdays = [] }).ShouldHaveValidationErrorFor(c => c.Weekdays);
        Check(Series with { Weekdays = ["monday", "monday"] }).ShouldHaveValidationErrorFor(c => c.Weekdays);
        Check(Series with { Weekdays = ["Monday"] }).ShouldHaveValidationErrorFor("Weekdays[0]");
        Check(Series with { Weekdays = ["monday", "funday"] }).ShouldHaveValidationErrorFor("Weekdays[1]");
        Check(Series with { Weekdays = [null!] }).ShouldHaveValidationErrorFor("Weekdays[0]");
        Check(Series with { Weekdays = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"] }).ShouldNotHaveAnyValidationErrors();
        Check(Series with { Weekdays = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "monday"] })
            .ShouldHaveValidationErrorFor(c => c.Weekdays);
        Assert.Equal(DayOfWeek.Sunday, CreateSeriesValidator.DayNames["sunday"]);
        Assert.Equal(7, CreateSeriesValidator.DayNames.Count);
    }

    [Fact]
    public void The_windows_are_one_to_their_limit_each_with_two_times()
    {
        Check(Series with { Windows = [] }).ShouldHaveValidationErrorFor(c => c.Windows);
        var most = Enumerable.Range(0, WeeklyPattern.MaxWindows).Select(h => new SeriesWindow($"{h:00}:00", $"{h:00}:30")).ToList();
        Check(Series with { Windows = most, SlotMinutes = 30 }).ShouldNotHaveValidationErrorFor(c => c.Windows);
        Check(Series with { Windows = [.. most, new SeriesWindow("23:30", "23:45")], SlotMinutes = 15 }).ShouldHaveValidationErrorFor(c => c.Windows);
        Check(Series with { Windows = [null!] }).ShouldHaveValidationErrorFor("Windows[0]");
        Check(Series with { Windows = [new SeriesWindow("", "10:00")] }).ShouldHaveValidationErrorFor("Windows[0].StartTime");
        Check(Series with { Windows = [new SeriesWindow("09:00", "25:00")] }).ShouldHaveValidationErrorFor("Windows[0].EndTime");
    }

    [Theory]
    [InlineData(null, 0, 1, "SlotMinutes")]
    [InlineData(0, 0, 1, "SlotMinutes")]
    [InlineData(1440, 0, 1, "SlotMinutes")]
    [InlineData(60, -1, 1, "GapMinutes")]
    [InlineData(60, 1440, 1, "GapMinutes")]
    [InlineData(60, 0, 0, "TotalCapacity")]
    [InlineData(60, 0, 1001, "TotalCapacity")]
    public void The_numbers_stay_within_their_bounds(int? slotMinutes, int gapMinutes, int capacity, string field) =>
        Check(Series with { SlotMinutes = slotMinutes, GapMinutes = gapMinutes, TotalCapacity = capacity }).ShouldHaveValidationErrorFor(field);

    [Fact]
    public void The_numbers_are_taken_at_their_bounds()
    {
        Check(Series with { SlotMinutes = 1, GapMinutes = 1439, TotalCapacity = 1000 }).ShouldNotHaveAnyValidationErrors();
        Check(Series with { SlotMinutes = 180, GapMinutes = 0, TotalCapacity = 1 }).ShouldNotHaveAnyValidationErrors();
    }

    [Fact]
    public void A_complete_profile_and_an_empty_one_are_valid()
    {
        Check(Profile).ShouldNotHaveAnyValidationErrors();
        Check(Profile with { Profile = new ProfileInput() }).ShouldNotHaveAnyValidationErrors();
    }

    [Fact]
    public void Each_bad_part_of_a_profile_is_named()
    {
        // The body's fields are named as the body spells them, not under the command.
        Check(Profile with { SpecialistEmail = "nobody" }).ShouldHaveValidationErrorFor(c => c.SpecialistEmail);
        Check(Profile with { Profile = null! }).ShouldHaveValidationErrorFor("body");
        Check(Profile with { Profile = Profile.Profile with { DisplayName = "" } }).ShouldHaveValidationErrorFor("DisplayName");
        Check(Profile with { Profile = Profile.Profile with { DisplayName = new string('a', ProfileLimits.MaxDisplayNameLength + 1) } }).ShouldHaveValidationErrorFor("DisplayName");
        Check(Profile with { Profile = Profile.Profile with { DisplayName = new string('a', ProfileLimits.MaxDisplayNameLength) } }).ShouldNotHaveAnyValidationErrors();
        Check(Profile with { Profile = Profile.Profile with { DisplayName = "Ann\nBcc" } }).ShouldHaveValidationErrorFor("DisplayName");
        Check(Profile with { Profile = Profile.Profile with { Introduction = new string('a', ProfileLimits.MaxIntroductionLength + 1) } }).ShouldHaveValidationErrorFor("Introduction");
        Check(Profile with { Profile = Profile.Profile with { Introduction = "Tab\tseparated" } }).ShouldHaveValidationErrorFor("Introduction");
        Check(Profile with { Profile = Profile.Profile with { Timezone = "" } }).ShouldHaveValidationErrorFor("Timezone");
    }

    [Fact]
    public void The_services_are_at_most_twenty_each_with_an_id_of_its_own()
    {
        var twenty = Enumerable.Range(0, ProfileLimits.MaxServices).Select(i => new ServiceOffer($"s{i}", $"Service {i}")).ToList();

        Check(Profile with { Profile = Profile.Profile with { Services = twenty } }).ShouldNotHaveAnyValidationErrors();
        Check(Profile with { Profile = Profile.Profile with { Services = [.. twenty, new ServiceOffer("s20", "One more")] } }).ShouldHaveValidationErrorFor("Services");
        Check(Profile with { Profile = Profile.Profile with { Services = [new ServiceOffer("same", "One"), new ServiceOffer("same", "Two")] } }).ShouldHaveValidationErrorFor("Services");
        Check(Profile with { Profile = Profile.Profile with { Services = [null!] } }).ShouldHaveValidationErrorFor("Services[0]");
    }

    [Theory]
    [InlineData("", "Title", null, null, "Id")]
    [InlineData("id", "", null, null, "Title")]
    [InlineData("id", "A\nB", null, null, "Title")]
    [InlineData("id", "Title", 4, null, "DurationMinutes")]
    [InlineData("id", "Title", 1441, null, "DurationMinutes")]
    [InlineData("id", "Title", null, "A\u0000B", "Description")]
    public void Each_bad_part_of_a_service_is_named(string id, string title, int? minutes, string? description, string field) =>
        Check(Profile with { Profile = Profile.Profile with { Services = [new ServiceOffer(id, title, minutes, description)] } })
            .ShouldHaveValidationErrorFor($"Services[0].{field}");

    [Fact]
    public void A_service_is_taken_at_its_limits()
    {
        ServiceOffer[] limits =
        [
            new("a", new string('t', ProfileLimits.MaxServiceTitleLength), ProfileLimits.MinServiceMinutes, new string('d', ProfileLimits.MaxServiceDescriptionLength)),
            new("b", "Long", ProfileLimits.MaxServiceMinutes),
        ];
        Check(Profile with { Profile = Profile.Profile with { Services = limits } }).ShouldNotHaveAnyValidationErrors();
        Check(Profile with { Profile = Profile.Profile with { Services = [new ServiceOffer("c", new string('t', ProfileLimits.MaxServiceTitleLength + 1))] } })
            .ShouldHaveValidationErrorFor("Services[0].Title");
        Check(Profile with { Profile = Profile.Profile with { Services = [new ServiceOffer("c", "T", null, new string('d', ProfileLimits.MaxServiceDescriptionLength + 1))] } })
            .ShouldHaveValidationErrorFor("Services[0].Description");
    }
}
