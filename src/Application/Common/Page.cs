namespace Slots.Application.Common;

/// <summary>One page of a list, sorted by start, and the opaque cursor of the next page (null on the last).</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, string? NextCursor);
