using Mediator;
using Slots.Application.Common.Security;
using Slots.Application.Common.Waits;
using Slots.Application.Slots.Policies;
using Slots.Domain.Slots;

namespace Slots.Application.Slots.UpdateSlot;

/// <summary>
/// Changes a slot's local times and/or status. <see cref="ChangesDate"/> and <see cref="ChangesCapacity"/>
/// say the request tried to change what never changes, so validation can say so by name. <see cref="IfMatch"/>, when
/// given, lists the versions the caller accepts changing (HTTP <c>If-Match</c>); any other gives 412. <see cref="Policy"/>,
/// when given, replaces what the slot overrides of its specialist's policy (<c>{}</c>: nothing, the specialist's applies).
/// </summary>
public sealed record UpdateSlotCommand(
    Guid SlotId,
    string? StartTime,
    string? EndTime,
    SlotStatus? Status,
    bool ChangesDate = false,
    bool ChangesCapacity = false,
    IReadOnlyList<int>? IfMatch = null,
    PolicyInput? Policy = null) : ICommand<SlotResponse>, IRestrictedRequest, ISlotCommand
{
    public static IReadOnlySet<Role> AllowedRoles => Allowed.Specialists;
}
