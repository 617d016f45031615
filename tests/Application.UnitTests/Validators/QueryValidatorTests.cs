using FluentValidation.TestHelper;
using Slots.Application.Common;
using Slots.Application.Notifications.ListNotifications;
using Slots.Application.Slots.ListMyBookings;
using Slots.Application.Specialists.FindSpecialists;

namespace Slots.Application.UnitTests.Validators;

/// <summary>The lists' queries: page sizes at and past their bounds, cursors of their own kind only, and the named choices.</summary>
public class QueryValidatorTests
{
    private static readonly string ListCursor = Paging.EncodeCursor(new DateTime(2030, 1, 1, 0, 0, 0, DateTimeKind.Utc), Guid.NewGuid());
    private static readonly string DirectoryCursorText = new DirectoryCursor(true, "Ann", "ann@example.com").Encode();

    [Fact]
    public void The_notifications_take_a_known_status_a_page_size_and_their_cursor()
    {
        var validator = new ListNotificationsValidator();

        validator.TestValidate(new ListNotificationsQuery(null, null, null)).ShouldNotHaveAnyValidationErrors();
        validator.TestValidate(new ListNotificationsQuery("failed", 1, ListCursor)).ShouldNotHaveAnyValidationErrors();
        validator.TestValidate(new ListNotificationsQuery(null, Paging.MaxLimit, null)).ShouldNotHaveAnyValidationErrors();
        validator.TestValidate(new ListNotificationsQuery("Failed", null, null)).ShouldHaveValidationErrorFor(q => q.Status);
        validator.TestValidate(new ListNotificationsQuery("", null, null)).ShouldHaveValidationErrorFor(q => q.Status);
        validator.TestValidate(new ListNotificationsQuery(null, 0, null)).ShouldHaveValidationErrorFor(q => q.Limit);
        validator.TestValidate(new ListNotificationsQuery(null, Paging.MaxLimit + 1, null)).ShouldHaveValidationErrorFor(q => q.Limit);
        validator.TestValidate(new ListNotificationsQuery(null, null, "nonsense")).ShouldHaveValidationErrorFor(q => q.Cursor);
        Assert.Equal(["failed", "pending", "sending", "sent", "skipped"], ListNotificationsValidator.Statuses.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void The_directory_takes_a_search_a_service_a_page_size_and_its_own_cursor()
    {
        var validator = new FindSpecialistsValidator();

        validator.TestValidate(new FindSpecialistsQuery(null, null, null, null)).ShouldNotHaveAnyValidationErrors();
        validator.TestValidate(new FindSpecialistsQuery("coaching", new string('q', 100), FindSpecialistsQuery.MaxLimit, DirectoryCursorText)).ShouldNotHaveAnyValidationErrors();
        validator.TestValidate(new FindSpecialistsQuery("", null, null, null)).ShouldHaveValidationErrorFor(q => q.ServiceId);
        validator.TestValidate(new FindSpecialistsQuery(null, new string('q', 101), null, null)).ShouldHaveValidationErrorFor(q => q.Q);
        validator.TestValidate(new FindSpecialistsQuery(null, "a\nb", null, null)).ShouldHaveValidationErrorFor(q => q.Q);
        validator.TestValidate(new FindSpecialistsQuery(null, null, 0, null)).ShouldHaveValidationErrorFor(q => q.Limit);
        validator.TestValidate(new FindSpecialistsQuery(null, null, FindSpecialistsQuery.MaxLimit + 1, null)).ShouldHaveValidationErrorFor(q => q.Limit);
        validator.TestValidate(new FindSpecialistsQuery(null, null, 1, null)).ShouldNotHaveAnyValidationErrors();
        // A list's cursor is not the directory's.
        validator.TestValidate(new FindSpecialistsQuery(null, null, null, ListCursor)).ShouldHaveValidationErrorFor(q => q.Cursor);
    }

    [Fact]
    public void My_bookings_take_upcoming_or_past_a_page_size_and_a_lists_cursor()
    {
        var validator = new ListMyBookingsValidator();

        validator.TestValidate(new ListMyBookingsQuery(null, null)).ShouldNotHaveAnyValidationErrors();
        validator.TestValidate(new ListMyBookingsQuery(1, ListCursor, "upcoming")).ShouldNotHaveAnyValidationErrors();
        validator.TestValidate(new ListMyBookingsQuery(Paging.MaxLimit, null, "past")).ShouldNotHaveAnyValidationErrors();
        validator.TestValidate(new ListMyBookingsQuery(null, null, "Past")).ShouldHaveValidationErrorFor(q => q.When);
        validator.TestValidate(new ListMyBookingsQuery(null, null, "")).ShouldHaveValidationErrorFor(q => q.When);
        validator.TestValidate(new ListMyBookingsQuery(0, null)).ShouldHaveValidationErrorFor(q => q.Limit);
        validator.TestValidate(new ListMyBookingsQuery(Paging.MaxLimit + 1, null)).ShouldHaveValidationErrorFor(q => q.Limit);
        validator.TestValidate(new ListMyBookingsQuery(null, DirectoryCursorText)).ShouldHaveValidationErrorFor(q => q.Cursor);
        Assert.True(new ListMyBookingsQuery(null, null, "past").IsPast);
        Assert.False(new ListMyBookingsQuery(null, null, "upcoming").IsPast);
    }
}
