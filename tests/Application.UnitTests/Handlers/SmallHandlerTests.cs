using FluentValidation.TestHelper;
using NSubstitute;
using Slots.Application.Calendars;
using Slots.Application.Calendars.DeleteCalendarFeed;
using Slots.Application.Calendars.GetBookingCalendar;
using Slots.Application.Calendars.ReadCalendarFeed;
using Slots.Application.Common;
using Slots.Application.Common.Security;
using Slots.Application.Customers;
using Slots.Application.Customers.ErasePersonalData;
using Slots.Application.Events;
using Slots.Application.Events.ListEvents;
using Slots.Application.Notifications;
using Slots.Application.Notifications.ListNotifications;
using Slots.Application.Notifications.RetryNotification;
using Slots.Application.Slots.GetSeries;
using Slots.Application.Slots.ListCancelledBookings;
using Slots.Application.Slots.ListMyBookings;
using Slots.Application.Slots.Policies;
using Slots.Application.Slots.Policies.GetPolicy;
using Slots.Application.Specialists;
using Slots.Application.Specialists.FindSpecialists;
using Slots.Application.Specialists.GetProfile;
using Slots.Application.Webhooks;
using Slots.Application.Webhooks.DeleteWebhook;
using Slots.Application.Webhooks.EnableWebhook;
using Slots.Application.Webhooks.RotateSecret;
using Slots.Domain.Common;
using Slots.Domain.Slots;
using static Slots.Application.UnitTests.TestData;

namespace Slots.Application.UnitTests.Handlers;

/// <summary>
/// The handlers that pass one request to one port and answer what it says, or its "not found": each is checked for what it
/// asks the port (the defaults it settles, the one extra row a page asks for) and for both of its answers.
/// </summary>
public class SmallHandlerTests
{
    private static readonly string Token = new('A', CalendarFeedToken.Length);

    private readonly ICalendarFeeds _feeds = Substitute.For<ICalendarFeeds>();
    private readonly ICalendarWriter _writer = Substitute.For<ICalendarWriter>();
    private readonly InMemorySlotReader _reader = new();

    [Theory]
    [InlineData(CalendarKind.Specialist, "My consulting slots")]
    [InlineData(CalendarKind.Customer, "My consulting sessions")]
    public async Task A_feed_shows_its_owners_sessions_of_the_last_month_on_under_its_owners_name(CalendarKind kind, string name)
    {
        var owner = new CalendarOwner(kind, Issuer, "someone");
        var sessions = new List<CalendarSession>();
        _feeds.OwnerOfAsync(Token, Arg.Any<CancellationToken>()).Returns(owner);
        _feeds.SessionsAsync(owner, Arg.Any<DateTime>(), Arg.Any<CancellationToken>()).Returns(sessions);
        _writer.Write(sessions, null, name).Returns("BEGIN:VCALENDAR");

        var text = await new ReadCalendarFeedHandler(_feeds, _writer, Clock()).Handle(new ReadCalendarFeedQuery(Token), default);

        Assert.Equal("BEGIN:VCALENDAR", text);
        await _feeds.Received(1).SessionsAsync(owner, Now.UtcDateTime.AddDays(-30), Arg.Any<CancellationToken>());
    }

    [Theory]
    [InlineData("AAAA")]
    [InlineData("")]
    public async Task A_malformed_feed_token_is_not_looked_up_and_an_unknown_one_opens_nothing(string malformed)
    {
        var handler = new ReadCalendarFeedHandler(_feeds, _writer, Clock());

        var bad = await Assert.ThrowsAsync<DomainException>(() => handler.Handle(new ReadCalendarFeedQuery(malformed), default).AsTask());
        var unknown = await Assert.ThrowsAsync<DomainException>(() => handler.Handle(new ReadCalendarFeedQuery(Token), default).AsTask());

        Assert.Equal(("calendar_feed_not_found", "calendar_feed_not_found"), (bad.Code, unknown.Code));
        await _feeds.Received(1).OwnerOfAsync(Arg.Any<string>(), Arg.Any<CancellationToken>());
        await _feeds.DidNotReceiveWithAnyArgs().SessionsAsync(default!, default, default);
    }

    [Fact]
    public async Task The_callers_own_feed_is_a_specialists_when_they_are_one_and_turning_off_none_is_not_found()
    {
        _feeds.DeleteAsync(new CalendarOwner(CalendarKind.Specialist, Issuer, "spec-ann"), Arg.Any<CancellationToken>()).Returns(true);

        await new DeleteCalendarFeedHandler(_feeds, Ann).Handle(new DeleteCalendarFeedCommand(), default);
        var none = await Assert.ThrowsAsync<DomainException>(() => new DeleteCalendarFeedHandler(_feeds, Cara).Handle(new DeleteCalendarFeedCommand(), default).AsTask());

        Assert.Equal("calendar_feed_not_found", none.Code);
        await _feeds.Received(1).DeleteAsync(new CalendarOwner(CalendarKind.Customer, Issuer, "cara"), Arg.Any<CancellationToken>());
        Assert.Throws<ArgumentNullException>(() => CalendarOwner.Of(null!));
    }

    [Fact]
    public async Task A_booking_downloads_as_its_one_session_and_one_the_caller_does_not_hold_is_not_found()
    {
        var slotId = Guid.NewGuid();
        var session = new CalendarSession("uid", 0, Now.UtcDateTime, Now.UtcDateTime.AddHours(1), Now.UtcDateTime, "Session", "", "ann@example.com", []);
        _feeds.BookingAsync(slotId, "spec-ann", Arg.Any<CancellationToken>()).Returns(session);
        _writer.Write(Arg.Is<IReadOnlyList<CalendarSession>>(s => s.Single() == session), Arg.Is<string?>(m => m == null), Arg.Any<string>()).Returns("ics");
        var handler = new GetBookingCalendarHandler(_feeds, _writer, Ann);

        Assert.Equal("ics", await handler.Handle(new GetBookingCalendarQuery(slotId), default));
        var ex = await Assert.ThrowsAsync<DomainException>(() => handler.Handle(new GetBookingCalendarQuery(Guid.NewGuid()), default).AsTask());
        Assert.Equal("booking_not_found", ex.Code);
    }

    [Theory]
    [InlineData(null, null, 101)]
    [InlineData(5, "failed", 6)]
    public async Task Notifications_page_with_one_row_more_than_shown_in_the_status_asked(int? limit, string? status, int take)
    {
        var store = Substitute.For<INotificationStore>();
        var rows = Enumerable.Range(0, take).Select(i => Notification(Now.UtcDateTime.AddMinutes(-i))).ToList();
        store.ListAsync(default, default, default, default).ReturnsForAnyArgs(rows);
        var cursor = Paging.EncodeCursor(Now.UtcDateTime, Guid.Empty);

        var page = await new ListNotificationsHandler(store).Handle(new ListNotificationsQuery(status, limit, cursor), default);

        Assert.Equal(take - 1, page.Items.Count);
        Assert.Equal(Paging.EncodeCursor(rows[take - 2].CreatedAt, rows[take - 2].Id), page.NextCursor);
        await store.Received(1).ListAsync(
            status is null ? null : NotificationStatus.Failed, (Now.UtcDateTime, Guid.Empty), take, Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task A_retry_answers_the_notification_and_says_when_it_is_in_flight_or_missing()
    {
        var store = Substitute.For<INotificationStore>();
        var (due, busy, missing) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        var notification = Notification(Now.UtcDateTime);
        store.RetryAsync(due, Arg.Any<CancellationToken>()).Returns((notification, false));
        store.RetryAsync(busy, Arg.Any<CancellationToken>()).Returns((notification, true));
        store.RetryAsync(missing, Arg.Any<CancellationToken>()).Returns(((NotificationResponse?)null, false));
        var handler = new RetryNotificationHandler(store);

        Assert.Same(notification, await handler.Handle(new RetryNotificationCommand(due), default));
        var inFlight = await Assert.ThrowsAsync<DomainException>(() => handler.Handle(new RetryNotificationCommand(busy), default).AsTask());
        var notFound = await Assert.ThrowsAsync<DomainException>(() => handler.Handle(new RetryNotificationCommand(missing), default).AsTask());
        Assert.Equal(("notification_in_flight", "notification_not_found"), (inFlight.Code, notFound.Code));
    }

    [Theory]
    [InlineData(null, 101)]
    [InlineData(3, 4)]
    public async Task The_feed_pages_from_the_position_given_with_one_row_more_than_shown(int? limit, int take)
    {
        var feed = Substitute.For<IEventFeed>();
        var rows = Enumerable.Range(1, take).Select(i => new FeedEvent(Guid.NewGuid(), "t", Guid.NewGuid(), Now.UtcDateTime, new EventPosition(9, i), "{}")).ToList();
        feed.ReadAsync(new EventPosition(9, 0), take, Arg.Any<CancellationToken>()).Returns(rows);

        var page = await new ListEventsHandler(feed).Handle(new ListEventsQuery("9-0", limit), default);

        Assert.Equal(take - 1, page.Items.Count);
        Assert.Equal($"9-{take - 1}", page.NextCursor);
    }

    [Fact]
    public async Task The_feed_starts_at_its_beginning_and_says_when_a_position_has_expired()
    {
        var feed = Substitute.For<IEventFeed>();
        feed.ReadAsync(EventPosition.Start, Arg.Any<int>(), Arg.Any<CancellationToken>()).Returns([]);

        var page = await new ListEventsHandler(feed).Handle(new ListEventsQuery(null, null), default);
        var ex = await Assert.ThrowsAsync<DomainException>(() => new ListEventsHandler(feed).Handle(new ListEventsQuery("1-1", null), default).AsTask());

        Assert.Empty(page.Items);
        Assert.Equal("position_expired", ex.Code);
        var validator = new ListEventsValidator();
        validator.TestValidate(new ListEventsQuery(null, null)).ShouldNotHaveAnyValidationErrors();
        validator.TestValidate(new ListEventsQuery("7341-2981", 1)).ShouldNotHaveAnyValidationErrors();
        validator.TestValidate(new ListEventsQuery("seven", null)).ShouldHaveValidationErrorFor(q => q.After);
        validator.TestValidate(new ListEventsQuery(null, 0)).ShouldHaveValidationErrorFor(q => q.Limit);
    }

    [Fact]
    public async Task A_customer_with_a_seat_in_a_slot_not_ended_is_not_erased()
    {
        var data = Substitute.For<ICustomerData>();
        data.LiveBookingsAsync("held", Now.UtcDateTime, Arg.Any<CancellationToken>()).Returns(1);
        var erased = new ErasureResponse("gone", 3, 2, 1);
        data.EraseAsync("gone", Arg.Any<CancellationToken>()).Returns(erased);
        var handler = new ErasePersonalDataHandler(data, Clock());

        Assert.Same(erased, await handler.Handle(new ErasePersonalDataCommand("gone"), default));
        var ex = await Assert.ThrowsAsync<DomainException>(() => handler.Handle(new ErasePersonalDataCommand("held"), default).AsTask());
        Assert.Equal(("customer_has_live_bookings", DomainErrorKind.Conflict), (ex.Code, ex.Kind));
        await data.DidNotReceive().EraseAsync("held", Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task A_slots_cancelled_bookings_are_listed_the_latest_cancelled_first_up_to_the_limit()
    {
        var slot = Slot(capacity: 6);
        foreach (var (id, minutes) in new[] { ("a", 3), ("b", 1), ("c", 2), ("d", 0), ("e", 0) })
        {
            slot.Book(new Customer(id, $"{id}@x.io", id), Now, BookingPolicy.Default);
            slot.CancelBooking(id, Now.AddMinutes(minutes), CancelledBy.Customer, null);
        }

        slot.Book(new Customer("live", "live@x.io", "Live"), Now, BookingPolicy.Default);
        _reader.Rows.Add(slot);
        var handler = new ListCancelledBookingsHandler(_reader, Ann);

        var cancelled = await handler.Handle(new ListCancelledBookingsQuery(slot.Id, null), default);
        // Cancelled at the same moment: the later id first.
        var (d, e) = (slot.Bookings.Single(b => b.CustomerId == "d").Id, slot.Bookings.Single(b => b.CustomerId == "e").Id);
        Assert.Equal(["a", "c", "b", .. d.CompareTo(e) > 0 ? new[] { "d", "e" } : ["e", "d"]], cancelled.Select(b => b.CustomerId));
        Assert.All(cancelled, b => Assert.Equal(CancelledBy.Customer, b.Cancellation!.By));
        Assert.Equal(["a", "c"], (await handler.Handle(new ListCancelledBookingsQuery(slot.Id, 2), default)).Select(b => b.CustomerId));
        var others = await Assert.ThrowsAsync<DomainException>(() => new ListCancelledBookingsHandler(_reader, User("spec-bob", "bob@example.com", Role.Specialist))
            .Handle(new ListCancelledBookingsQuery(slot.Id, null), default).AsTask());
        Assert.Equal("slot_not_found", others.Code);
    }

    [Fact]
    public async Task A_slot_with_nothing_to_list_answers_an_empty_list_not_a_missing_slot()
    {
        var slot = Slot();
        _reader.Rows.Add(slot);

        Assert.Empty(await new ListCancelledBookingsHandler(_reader, Ann).Handle(new ListCancelledBookingsQuery(slot.Id, null), default));
    }

    [Fact]
    public async Task A_series_lists_its_own_slots_in_start_order_and_another_owners_reads_as_missing()
    {
        var seriesId = Guid.NewGuid();
        var time = (string start) => SlotTime.Create(new DateOnly(2030, 1, 16), TimeOnly.Parse(start), TimeOnly.Parse(start).AddHours(1), "UTC");
        var ann = new Specialist(Issuer, "spec-ann", "ann@example.com");
        _reader.Rows.AddRange([
            Domain.Slots.Slot.Create(ann, null, time("12:00"), 1, Now, seriesId),
            Domain.Slots.Slot.Create(ann, null, time("09:00"), 1, Now, seriesId),
            Domain.Slots.Slot.Create(ann, null, time("10:00"), 1, Now, Guid.NewGuid()),
            Slot()]);

        var series = await new GetSeriesHandler(_reader, Ann).Handle(new GetSeriesQuery(seriesId), default);
        var others = await Assert.ThrowsAsync<DomainException>(() => new GetSeriesHandler(_reader, User("spec-bob", "bob@example.com", Role.Specialist))
            .Handle(new GetSeriesQuery(seriesId), default).AsTask());

        Assert.Equal([new TimeOnly(9, 0), new TimeOnly(12, 0)], series.Select(s => s.StartTime));
        Assert.Equal("series_not_found", others.Code);
    }

    [Fact]
    public async Task My_bookings_page_with_the_default_size_and_show_the_live_booking_of_a_slot_booked_again()
    {
        for (var i = 0; i < Paging.DefaultLimit + 1; i++)
        {
            var slot = Slot(capacity: 2, date: DateOnly.FromDateTime(Now.UtcDateTime).AddDays(1 + i).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
            if (i == 0)
            {
                slot.Book(new Customer("dan", "dan@x.io", "Dan"), Now, BookingPolicy.Default);
                slot.Book(new Customer("cara", "cara@x.io", "Cara"), Now, BookingPolicy.Default);
                slot.CancelBooking("cara", Now, CancelledBy.Customer, null);
            }

            slot.Book(new Customer("cara", "cara@x.io", "Cara"), Now.AddMinutes(1), BookingPolicy.Default);
            _reader.Rows.Add(slot);
        }

        var handler = new ListMyBookingsHandler(_reader, Cara, Clock());
        var first = await handler.Handle(new ListMyBookingsQuery(null, null), default);
        var rest = await handler.Handle(new ListMyBookingsQuery(null, first.NextCursor), default);

        Assert.Equal((Paging.DefaultLimit, 1, null), (first.Items.Count, rest.Items.Count, rest.NextCursor));
        var again = _reader.Rows[0].Bookings.Single(b => b.IsLive && b.CustomerId == "cara");
        Assert.Equal(again.Id, first.Items[0].BookingId);
    }

    [Fact]
    public async Task Profiles_and_policies_are_found_by_handle_in_any_case()
    {
        var profiles = Substitute.For<ISpecialistProfiles>();
        var policies = Substitute.For<ISpecialistPolicies>();
        var profile = new SpecialistProfile("ann@example.com", "Ann", null, null, []);
        profiles.FindAsync("ann@example.com", Arg.Any<CancellationToken>()).Returns(profile);
        policies.FindAsync("ann@example.com", Arg.Any<CancellationToken>()).Returns(BookingPolicy.Default);

        Assert.Same(profile, await new GetProfileHandler(profiles).Handle(new GetProfileQuery("ANN@example.com"), default));
        Assert.Same(BookingPolicy.Default, await new GetPolicyHandler(policies).Handle(new GetPolicyQuery("Ann@Example.com"), default));
        var noProfile = await Assert.ThrowsAsync<DomainException>(() => new GetProfileHandler(profiles).Handle(new GetProfileQuery("bob@example.com"), default).AsTask());
        var noPolicy = await Assert.ThrowsAsync<DomainException>(() => new GetPolicyHandler(policies).Handle(new GetPolicyQuery("bob@example.com"), default).AsTask());
        Assert.Equal(("specialist_not_found", "specialist_not_found"), (noProfile.Code, noPolicy.Code));
    }

    [Theory]
    [InlineData("  deep work ", 5, "deep work", 5)]
    [InlineData("   ", null, null, FindSpecialistsQuery.DefaultLimit)]
    [InlineData(null, null, null, FindSpecialistsQuery.DefaultLimit)]
    public async Task The_directory_is_searched_by_the_trimmed_words_with_the_default_page_size(string? q, int? limit, string? searched, int size)
    {
        var profiles = Substitute.For<ISpecialistProfiles>();

        await new FindSpecialistsHandler(profiles, Clock()).Handle(new FindSpecialistsQuery("svc", q, limit, null), default);

        await profiles.Received(1).DirectoryAsync(new FindSpecialistsQuery("svc", searched, limit, null), size, Now.UtcDateTime, Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task A_webhook_is_enabled_deleted_and_rotated_by_id_and_an_unknown_one_is_not_found()
    {
        var webhooks = Substitute.For<IWebhookStore>();
        var (known, unknown) = (Guid.NewGuid(), Guid.NewGuid());
        webhooks.EnableAsync(known, Arg.Any<CancellationToken>()).Returns(true);
        webhooks.DeleteAsync(known, Arg.Any<CancellationToken>()).Returns(true);
        webhooks.RotateSecretAsync(known, Arg.Any<string>(), Arg.Any<TimeSpan>(), Arg.Any<CancellationToken>()).Returns((true, Now.UtcDateTime));

        await new EnableWebhookHandler(webhooks).Handle(new EnableWebhookCommand(known), default);
        await new DeleteWebhookHandler(webhooks).Handle(new DeleteWebhookCommand(known), default);
        var rotated = await new RotateSecretHandler(webhooks).Handle(new RotateSecretCommand(known, null), default);
        await new RotateSecretHandler(webhooks).Handle(new RotateSecretCommand(known, 5), default);

        Assert.Equal((known, Now.UtcDateTime), (rotated.Id, rotated.PreviousSecretValidUntil));
        await webhooks.Received(1).RotateSecretAsync(known, rotated.Secret, TimeSpan.FromDays(1), Arg.Any<CancellationToken>());
        await webhooks.Received(1).RotateSecretAsync(known, Arg.Any<string>(), TimeSpan.FromMinutes(5), Arg.Any<CancellationToken>());
        Assert.All(
            await Task.WhenAll(
                Assert.ThrowsAsync<DomainException>(() => new EnableWebhookHandler(webhooks).Handle(new EnableWebhookCommand(unknown), default).AsTask()),
                Assert.ThrowsAsync<DomainException>(() => new DeleteWebhookHandler(webhooks).Handle(new DeleteWebhookCommand(unknown), default).AsTask()),
                Assert.ThrowsAsync<DomainException>(() => new RotateSecretHandler(webhooks).Handle(new RotateSecretCommand(unknown, null), default).AsTask())),
            ex => Assert.Equal("webhook_not_found", ex.Code));
    }

    private static NotificationResponse Notification(DateTime createdAt) => new(
        Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), NotificationRecipient.Customer, NotificationKind.Booked,
        NotificationStatus.Failed, 1, createdAt, null, null, null);
}
