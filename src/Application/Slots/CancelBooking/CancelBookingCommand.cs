using Mediator;

namespace Slots.Application.Slots.CancelBooking;

public sealed record CancelBookingCommand(Guid SlotId, string CustomerId) : ICommand;
