using FluentValidation;
using Mediator;
using NSubstitute;
using Slots.Application.Common;
using Slots.Application.Common.Behaviors;
using Slots.Application.Common.Security;
using Slots.Application.Slots.BookSlot;
using Slots.Application.Slots.CancelBooking;

namespace Slots.Application.UnitTests.Common;

public class BehaviorTests
{
    [Fact]
    public async Task Validation_stops_an_invalid_message_before_its_handler()
    {
        var behavior = new ValidationBehavior<CancelBookingCommand, CancellationDone>([new CancelBookingValidator()], []);
        var called = false;

        await Assert.ThrowsAsync<ValidationException>(() => behavior.Handle(
            new CancelBookingCommand(Guid.NewGuid(), ""),
            (_, _) => { called = true; return ValueTask.FromResult(new CancellationDone()); },
            default).AsTask());

        Assert.False(called);
    }

    [Fact]
    public async Task Validation_lets_a_valid_message_through()
    {
        var behavior = new ValidationBehavior<CancelBookingCommand, CancellationDone>([new CancelBookingValidator()], []);
        var called = false;

        await behavior.Handle(new CancelBookingCommand(Guid.NewGuid(), "c1"), (_, _) => { called = true; return ValueTask.FromResult(new CancellationDone()); }, default);

        Assert.True(called);
    }

    [Fact]
    public async Task A_customer_cancelling_someone_elses_booking_is_refused_before_the_slots_queue()
    {
        var behavior = new AuthorizationBehavior<CancelBookingCommand, CancellationDone>(TestData.User("cust-a", "a@example.com", Role.Customer));
        var queued = false;

        var ex = await Assert.ThrowsAsync<AccessDeniedException>(() => behavior.Handle(
            new CancelBookingCommand(Guid.NewGuid(), "cust-b"),
            (_, _) => { queued = true; return ValueTask.FromResult(new CancellationDone()); },
            default).AsTask());

        Assert.Equal("not_yourself", ex.Code);
        Assert.False(queued);
    }

    [Fact]
    public async Task A_customer_booking_in_someone_elses_name_is_refused_before_the_slots_queue()
    {
        var behavior = new AuthorizationBehavior<BookSlotCommand, BookingConfirmation>(
            TestData.User("cust-a", "a@example.com", Role.Customer));

        var ex = await Assert.ThrowsAsync<AccessDeniedException>(() => behavior.Handle(
            new BookSlotCommand(Guid.NewGuid(), CustomerEmail: "b@example.com"),
            (_, _) => throw new InvalidOperationException("queued"),
            default).AsTask());

        Assert.Equal("not_yourself", ex.Code);
    }

    [Fact]
    public async Task Unit_of_work_runs_the_handler_inside_the_transaction()
    {
        var unitOfWork = Substitute.For<IUnitOfWork>();
        var insideTransaction = false;
        unitOfWork.ExecuteAsync(Arg.Any<Func<CancellationToken, Task<CancellationDone>>>(), Arg.Any<CancellationToken>())
            .Returns(async call =>
            {
                insideTransaction = true;
                var result = await call.Arg<Func<CancellationToken, Task<CancellationDone>>>()(default);
                insideTransaction = false;
                return result;
            });
        var behavior = new UnitOfWorkBehavior<CancelBookingCommand, CancellationDone>(unitOfWork);
        var ranInside = false;

        await behavior.Handle(new CancelBookingCommand(Guid.NewGuid(), "c1"), (_, _) => { ranInside = insideTransaction; return ValueTask.FromResult(new CancellationDone()); }, default);

        Assert.True(ranInside);
    }
}
