using Mediator;
using Slots.Application.Common.Security;
using Slots.Application.Common.Waits;

namespace Slots.Application.Slots.DeleteSlot;

/// <summary>Deletes a slot nobody holds a seat in; <see cref="IfMatch"/> as for <c>UpdateSlotCommand</c>.</summary>
public sealed record DeleteSlotCommand(Guid SlotId, IReadOnlyList<int>? IfMatch = null) : ICommand, IRestrictedRequest, ISlotCommand
{
    public static IReadOnlySet<Role> AllowedRoles => Allowed.Specialists;
}
