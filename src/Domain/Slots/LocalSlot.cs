namespace Slots.Domain.Slots;

/// <summary>One slot a pattern makes, in local terms; <see cref="SlotTime.Create"/> turns it into instants.</summary>
public readonly record struct LocalSlot(DateOnly Date, TimeOnly Start, TimeOnly End);
