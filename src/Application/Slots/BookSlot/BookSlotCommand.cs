using Mediator;

namespace Slots.Application.Slots.BookSlot;

public sealed record BookSlotCommand(Guid SlotId, string CustomerId, string CustomerEmail, string CustomerName)
    : ICommand<BookingConfirmation>;
