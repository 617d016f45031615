namespace Slots.Domain.Slots;

/// <summary>A span of local time in a day that a <see cref="WeeklyPattern"/> fills with slots.</summary>
public readonly record struct TimeWindow(TimeOnly Start, TimeOnly End);
