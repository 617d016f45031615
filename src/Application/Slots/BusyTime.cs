namespace Slots.Application.Slots;

/// <summary>When one of a specialist's slots runs: [<see cref="StartsAt"/>, <see cref="EndsAt"/>), UTC.</summary>
public readonly record struct BusyTime(DateTime StartsAt, DateTime EndsAt);
