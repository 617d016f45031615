namespace Slots.Application.Slots.ImportSlots;

/// <summary>What an import did (or, in a dry run, would do).</summary>
public sealed record ImportReport(
    bool Applied,
    int Documents,
    int Slots,
    int Bookings,
    int Specialists,
    int AlreadyImported,
    IReadOnlyList<ImportRefusal> Refused,
    IReadOnlyList<ImportCorrection> Corrected,
    TimeSpan Elapsed);
