using FluentValidation;
using Mediator;
using NSubstitute;
using Slots.Application.Common;
using Slots.Application.Common.Behaviors;
using Slots.Application.Slots.CancelBooking;

namespace Slots.Application.UnitTests.Common;

public class BehaviorTests
{
    [Fact]
    public async Task Validation_stops_an_invalid_message_before_its_handler()
    {
        var behavior = new ValidationBehavior<CancelBookingCommand, Unit>([new CancelBookingValidator()]);
        var called = false;

        await Assert.ThrowsAsync<ValidationException>(() => behavior.Handle(
            new CancelBookingCommand(Guid.NewGuid(), ""),
            (_, _) => { called = true; return ValueTask.FromResult(Unit.Value); },
            default).AsTask());

        Assert.False(called);
    }

    [Fact]
    public async Task Validation_lets_a_valid_message_through()
    {
        var behavior = new ValidationBehavior<CancelBookingCommand, Unit>([new CancelBookingValidator()]);
        var called = false;

        await behavior.Handle(new CancelBookingCommand(Guid.NewGuid(), "c1"), (_, _) => { called = true; return ValueTask.FromResult(Unit.Value); }, default);

        Assert.True(called);
    }

    [Fact]
    public async Task Unit_of_work_runs_the_handler_inside_the_transaction()
    {
        var unitOfWork = Substitute.For<IUnitOfWork>();
        var insideTransaction = false;
        unitOfWork.ExecuteAsync(Arg.Any<Func<CancellationToken, Task<Unit>>>(), Arg.Any<CancellationToken>())
            .Returns(async call =>
            {
                insideTransaction = true;
                var result = await call.Arg<Func<CancellationToken, Task<Unit>>>()(default);
                insideTransaction = false;
                return result;
            });
        var behavior = new UnitOfWorkBehavior<CancelBookingCommand, Unit>(unitOfWork);
        var ranInside = false;

        await behavior.Handle(new CancelBookingCommand(Guid.NewGuid(), "c1"), (_, _) => { ranInside = insideTransaction; return ValueTask.FromResult(Unit.Value); }, default);

        Assert.True(ranInside);
    }
}
