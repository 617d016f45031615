using Mediator;
using Slots.Application.Common;
using Slots.Application.Common.Security;

namespace Slots.Application.Slots.DeleteSlot;

public sealed record DeleteSlotCommand(Guid SlotId) : ICommand, IRestrictedRequest, ISlotCommand
{
    public static IReadOnlySet<Role> AllowedRoles => Allowed.Specialists;
}
