using Ardalis.Specification;
using FluentValidation;
using Mediator;
using NSubstitute;
using Slots.Application.Common;
using Slots.Application.Common.Behaviors;
using Slots.Application.Common.Security;
using Slots.Application.Events;
using Slots.Application.Notifications;
using Slots.Application.Events.ListEvents;
using Slots.Application.Slots;
using Slots.Application.Slots.BookSlot;
using Slots.Application.Slots.CancelBooking;
using Slots.Application.Slots.CreateSlot;
using Slots.Application.Slots.DeleteSlot;
using Slots.Application.Slots.GetSlot;
using Slots.Application.Slots.ListSpecialistSlots;
using Slots.Application.Slots.UpdateSlot;
using Slots.Domain.Common;
using Slots.Domain.Slots;
using static Slots.Application.UnitTests.TestData;

namespace Slots.Application.UnitTests.Security;

/// <summary>Who may do what, decided in the application layer against the loaded slot.</summary>
public class AuthorizationTests
{
    private static readonly ICurrentUser Bob = User("spec-bob", "bob@example.com", Role.Specialist);
    private static readonly ICurrentUser Cara = User("cust-cara", "cara@example.com", Role.Customer);

    private readonly ISlotRepository _repository = Substitute.For<ISlotRepository>();

    /// <summary>The promotion the handlers run after freeing a seat; these slots have nobody waiting.</summary>
    private WaitlistPromotion Waitlist() =>
        new(_repository, BookingLimits.Default, Substitute.For<IEventOutbox>(), Substitute.For<INotificationOutbox>());

    public AuthorizationTests() =>
        _repository.HoldsHandleAsync(default!, default, default).ReturnsForAnyArgs(true);

    [Fact]
    public async Task The_behavior_refuses_anonymous_callers_with_401_before_the_handler()
    {
        var called = false;
        var ex = await Assert.ThrowsAsync<AccessDeniedException>(() => new AuthorizationBehavior<DeleteSlotCommand, Unit>(Nobody)
            .Handle(new DeleteSlotCommand(Guid.NewGuid()), (_, _) => { called = true; return ValueTask.FromResult(Unit.Value); }, default)
            .AsTask());

        Assert.True(ex.Unauthenticated);
        Assert.Equal("unauthenticated", ex.Code);
        Assert.False(called);
    }

    [Fact]
    public async Task The_behavior_refuses_a_role_the_request_does_not_allow_with_403()
    {
        var ex = await Assert.ThrowsAsync<AccessDeniedException>(() => new AuthorizationBehavior<GetSlotQuery, SlotResponse>(Cara)
            .Handle(new GetSlotQuery(Guid.NewGuid()), (_, _) => throw new InvalidOperationException("handler reached"), default)
            .AsTask());

        Assert.False(ex.Unauthenticated);
        Assert.Equal("role_not_allowed", ex.Code);
    }

    /// <summary>A service passes only with the request's scope; without it, 403 <c>scope_missing</c> names the scope.</summary>
    [Theory]
    [InlineData(ServiceScope.EventsRead, null)]
    [InlineData(ServiceScope.WebhooksManage, "scope_missing")]
    [InlineData(ServiceScope.BookingsWrite, "scope_missing")]
    public async Task A_service_passes_the_behavior_only_with_the_requests_scope(ServiceScope scope, string? refusal)
    {
        var service = new SignedInAs(new Actor(Issuer, "svc-feed", null, null, new HashSet<Role> { Role.Service }, Scopes: new HashSet<ServiceScope> { scope }));
        var reached = false;

        var ex = await Record.ExceptionAsync(() => new AuthorizationBehavior<ListEventsQuery, Page<FeedEvent>>(service)
            .Handle(new ListEventsQuery(null, null), (_, _) => { reached = true; return ValueTask.FromResult(new Page<FeedEvent>([], null)); }, default)
            .AsTask());

        Assert.Equal(refusal, (ex as AccessDeniedException)?.Code);
        Assert.Equal(refusal is null, reached);
        if (refusal is not null)
        {
            Assert.Contains("events:read", ex!.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task The_behavior_lets_admins_and_allowed_roles_through()
    {
        foreach (var user in new[] { Admin, Ann })
        {
            var reached = false;
            await new AuthorizationBehavior<DeleteSlotCommand, Unit>(user).Handle(
                new DeleteSlotCommand(Guid.NewGuid()), (_, _) => { reached = true; return ValueTask.FromResult(Unit.Value); }, default);
            Assert.True(reached);
        }
    }

    [Theory]
    [InlineData(nameof(UpdateSlotHandler))]
    [InlineData(nameof(DeleteSlotHandler))]
    [InlineData(nameof(CancelBookingHandler))]
    public async Task Another_specialists_slot_is_not_found_and_unchanged(string handler)
    {
        var slot = Slot(capacity: 2);
        slot.Book(new Customer("c1", "c1@x.io", "One"), Now, BookingPolicy.Default);
        _repository.GetForUpdateAsync(slot.Id, Arg.Any<SlotLoad>(), Arg.Any<CancellationToken>()).Returns(slot);

        var ex = await Assert.ThrowsAsync<DomainException>(() => handler switch
        {
            nameof(UpdateSlotHandler) => new UpdateSlotHandler(_repository, Bob, Clock(), Substitute.For<IEventOutbox>(), Substitute.For<INotificationOutbox>(), Waitlist())
                .Handle(new UpdateSlotCommand(slot.Id, "14:00", null, SlotStatus.Inactive), default).AsTask(),
            nameof(DeleteSlotHandler) => new DeleteSlotHandler(_repository, Bob, Substitute.For<IEventOutbox>()).Handle(new DeleteSlotCommand(slot.Id), default).AsTask(),
            _ => new CancelBookingHandler(_repository, Bob, Clock(), Substitute.For<IEventOutbox>(), Substitute.For<INotificationOutbox>(), Waitlist()).Handle(new CancelBookingCommand(slot.Id, "c1"), default).AsTask(),
        });

        Assert.Equal("slot_not_found", ex.Code);
        Assert.Equal((new TimeOnly(10, 0), SlotStatus.Active, 1), (slot.StartTime, slot.Status, slot.BookedCount));
        _repository.DidNotReceiveWithAnyArgs().Remove(default!);
    }

    [Fact]
    public async Task A_specialist_creates_only_for_themselves()
    {
        var handler = new CreateSlotHandler(_repository, Ann, Clock(), Substitute.For<IEventOutbox>());

        var own = await handler.Handle(new CreateSlotCommand("2030-02-01", "09:00", "10:00"), default);
        var ex = await Assert.ThrowsAsync<AccessDeniedException>(() => handler
            .Handle(new CreateSlotCommand("2030-02-01", "11:00", "12:00", SpecialistEmail: "bob@example.com"), default).AsTask());

        Assert.Equal(("ann@example.com", "spec-ann"), (own.SpecialistEmail, own.SpecialistId));
        Assert.Equal("not_yourself", ex.Code);
        _repository.Received(1).Add(Arg.Any<Slot>());
    }

    [Fact]
    public async Task An_admin_must_name_the_specialist()
    {
        var handler = new CreateSlotHandler(_repository, Admin, Clock(), Substitute.For<IEventOutbox>());

        var ex = await Assert.ThrowsAsync<ValidationException>(() =>
            handler.Handle(new CreateSlotCommand("2030-02-01", "09:00", "10:00"), default).AsTask());
        var noId = await Assert.ThrowsAsync<ValidationException>(() =>
            handler.Handle(new CreateSlotCommand("2030-02-01", "09:00", "10:00", SpecialistEmail: "bob@example.com"), default).AsTask());
        var made = await handler.Handle(
            new CreateSlotCommand("2030-02-01", "09:00", "10:00", SpecialistEmail: "Bob@example.com", SpecialistId: "spec-bob"), default);

        Assert.Equal(["specialistEmail", "specialistId"], ex.Errors.Select(e => e.PropertyName));
        Assert.Equal("specialistId", Assert.Single(noId.Errors).PropertyName);
        Assert.Equal(("bob@example.com", "spec-bob"), (made.SpecialistEmail, made.SpecialistId));
    }

    [Fact]
    public async Task A_customer_books_as_the_token_says_and_never_as_someone_else()
    {
        var slot = Slot(capacity: 3);
        _repository.GetForBookingAsync(slot.Id, Arg.Any<string>(), Arg.Any<DateTime>(), Arg.Any<CancellationToken>())
            .Returns((slot, new LiveBookingCounts(0, 0), BookingPolicy.Default));
        var handler = new BookSlotHandler(_repository, Cara, Clock(), BookingLimits.Default, Substitute.For<IEventOutbox>(), Substitute.For<INotificationOutbox>(), Waitlist());

        var mine = await handler.Handle(new BookSlotCommand(slot.Id), default);
        var asOther = await Assert.ThrowsAsync<AccessDeniedException>(() =>
            handler.Handle(new BookSlotCommand(slot.Id, CustomerId: "cust-dan"), default).AsTask());
        var otherEmail = await Assert.ThrowsAsync<AccessDeniedException>(() =>
            handler.Handle(new BookSlotCommand(slot.Id, CustomerEmail: "dan@example.com"), default).AsTask());

        Assert.Equal(("cust-cara", "cara@example.com", "cara@example.com"), (mine.CustomerId, mine.CustomerEmail, mine.CustomerName));
        Assert.Equal(("not_yourself", "not_yourself"), (asOther.Code, otherEmail.Code));
        Assert.Equal(1, slot.BookedCount);
    }

    [Fact]
    public async Task A_customer_cancels_only_their_own_booking_and_learns_nothing_else()
    {
        var slot = Slot(capacity: 2);
        slot.Book(new Customer("cust-dan", "dan@example.com", "Dan"), Now, BookingPolicy.Default);
        slot.Book(new Customer("cust-cara", "cara@example.com", "Cara"), Now, BookingPolicy.Default);
        _repository.GetForUpdateAsync(slot.Id, Arg.Any<SlotLoad>(), Arg.Any<CancellationToken>()).Returns(slot);
        var handler = new CancelBookingHandler(_repository, Cara, Clock(), Substitute.For<IEventOutbox>(), Substitute.For<INotificationOutbox>(), Waitlist());

        var ex = await Assert.ThrowsAsync<AccessDeniedException>(() =>
            handler.Handle(new CancelBookingCommand(slot.Id, "cust-dan"), default).AsTask());
        await handler.Handle(new CancelBookingCommand(slot.Id, "cust-cara"), default);

        Assert.Equal("not_yourself", ex.Code);
        Assert.Equal(["cust-dan"], slot.Bookings.Where(b => b.IsLive).Select(b => b.CustomerId));
        // Refused before the slot was even locked.
        await _repository.Received(1).GetForUpdateAsync(slot.Id, Arg.Any<SlotLoad>(), Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task An_admin_books_only_a_fully_named_customer()
    {
        var ex = await Assert.ThrowsAsync<ValidationException>(() =>
            new BookSlotHandler(_repository, Admin, Clock(), BookingLimits.Default, Substitute.For<IEventOutbox>(), Substitute.For<INotificationOutbox>(), Waitlist()).Handle(new BookSlotCommand(Guid.NewGuid(), "c1"), default).AsTask());

        Assert.Equal(["customerEmail", "customerName"], ex.Errors.Select(e => e.PropertyName));
    }

    [Fact]
    public async Task A_specialist_lists_only_their_own_schedule()
    {
        var reader = Substitute.For<ISlotReader>();
        var ex = await Assert.ThrowsAsync<AccessDeniedException>(() => new ListSpecialistSlotsHandler(reader, Bob, Clock())
            .Handle(new ListSpecialistSlotsQuery("ann@example.com", null, null), default).AsTask());

        Assert.Equal("not_yourself", ex.Code);
        Assert.Empty(reader.ReceivedCalls());
    }

    [Theory]
    [InlineData(Issuer, "spec-ann", "ann@example.com", true)]
    [InlineData(Issuer, "spec-ann", "renamed@example.com", true)]
    [InlineData(Issuer, "spec-bob", "ann@example.com", false)]
    [InlineData("https://other.example", "spec-ann", "ann@example.com", false)]
    public void A_specialist_manages_the_slots_of_their_issuer_and_subject_whatever_the_email(
        string issuer, string subject, string email, bool manages) =>
        Assert.Equal(manages, new Actor(issuer, subject, email, null, new HashSet<Role> { Role.Specialist }).Manages(Slot()));

    [Fact]
    public void A_customer_with_the_owners_subject_does_not_manage_the_slot() =>
        Assert.False(User("spec-ann", "ann@example.com", Role.Customer).Actor!.Manages(Slot()));

    [Fact]
    public async Task A_specialist_whose_email_is_unverified_may_not_create_slots()
    {
        var unverified = new Actor(Issuer, "spec-ann", "ann@example.com", null, new HashSet<Role> { Role.Specialist }, EmailVerified: false);
        var ex = await Assert.ThrowsAsync<AccessDeniedException>(() => new CreateSlotHandler(_repository, new SignedInAs(unverified), Clock(), Substitute.For<IEventOutbox>())
            .Handle(new CreateSlotCommand("2030-02-01", "09:00", "10:00"), default).AsTask());

        Assert.Equal("email_not_verified", ex.Code);
        _repository.DidNotReceive().Add(Arg.Any<Slot>());
    }

    [Fact]
    public async Task A_specialist_lists_only_the_slots_they_own()
    {
        var reader = Substitute.For<ISlotReader>();
        reader.ListAsync(Arg.Any<ISpecification<Slot>>(), Arg.Any<Func<IQueryable<Slot>, IQueryable<SlotResponse>>>(), Arg.Any<CancellationToken>())
            .Returns([]);

        await new ListSpecialistSlotsHandler(reader, Ann, Clock()).Handle(new ListSpecialistSlotsQuery("ann@example.com", null, null), default);

        var spec = (SpecialistSlotsSpec)reader.ReceivedCalls().Single().GetArguments()[0]!;
        var ann = Slot();
        var sameEmailOtherSubject = Slot(owner: "spec-impostor");
        Assert.Equal([ann], spec.Evaluate([ann, sameEmailOtherSubject]));
    }

    private sealed record SignedInAs(Actor Actor) : ICurrentUser;
}
