using Slots.Domain.Slots;

namespace Slots.Infrastructure.Persistence;

/// <summary>The text of every enum the database stores, each spelt here and nowhere else.</summary>
internal static class ColumnTexts
{
    /// <summary><c>slots.status</c>; the old collection's documents spelt it the same way (the import reads them so).</summary>
    public static readonly ColumnText<SlotStatus> SlotStatus =
        new((Domain.Slots.SlotStatus.Active, "active"), (Domain.Slots.SlotStatus.Inactive, "inactive"));
}
