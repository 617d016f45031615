namespace Slots.Application.Slots.CreateSeries;

/// <summary>A window of local time (<c>HH:mm</c>) that a series fills with slots.</summary>
public sealed record SeriesWindow(string StartTime, string EndTime);
