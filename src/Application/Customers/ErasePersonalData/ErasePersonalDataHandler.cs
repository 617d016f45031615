using Mediator;
using Slots.Domain.Common;

namespace Slots.Application.Customers.ErasePersonalData;

public sealed class ErasePersonalDataHandler(ICustomerData customers, TimeProvider clock)
    : ICommandHandler<ErasePersonalDataCommand, ErasureResponse>
{
    public async ValueTask<ErasureResponse> Handle(ErasePersonalDataCommand command, CancellationToken cancellationToken)
    {
        var live = await customers.LiveBookingsAsync(command.CustomerId, clock.GetUtcNow().UtcDateTime, cancellationToken);
        return live > 0
            ? throw new DomainException(
                "customer_has_live_bookings",
                $"Customer {command.CustomerId} holds {live} booking(s) of slots that have not ended; cancel them first.",
                DomainErrorKind.Conflict)
            : await customers.EraseAsync(command.CustomerId, cancellationToken);
    }
}
