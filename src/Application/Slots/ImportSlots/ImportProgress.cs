namespace Slots.Application.Slots.ImportSlots;

/// <summary>How far an import is: <see cref="Done"/> of the dump's <see cref="Total"/> documents.</summary>
public readonly record struct ImportProgress(int Done, int Total);
