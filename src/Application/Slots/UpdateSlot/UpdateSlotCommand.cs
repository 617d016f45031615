using Mediator;
using Slots.Application.Common;
using Slots.Application.Common.Security;

namespace Slots.Application.Slots.UpdateSlot;

/// <summary>
/// Changes a slot's local times and/or status. <see cref="ChangesDate"/> and <see cref="ChangesCapacity"/>
/// say the request tried to change what never changes, so validation can say so by name.
/// </summary>
public sealed record UpdateSlotCommand(
    Guid SlotId,
    string? StartTime,
    string? EndTime,
    string? Status,
    bool ChangesDate = false,
    bool ChangesCapacity = false) : ICommand<SlotResponse>, IRestrictedRequest, ISlotCommand
{
    public static IReadOnlySet<Role> AllowedRoles => Allowed.Specialists;
}
