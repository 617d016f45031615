namespace Slots.Infrastructure.Import;

/// <summary>What an import did (or, in a dry run, would do).</summary>
public sealed record ImportReport(
    bool Applied,
    int Documents,
    int Slots,
    int Bookings,
    int Specialists,
    int AlreadyImported,
    IReadOnlyList<ImportRefusal> Refused,
    IReadOnlyList<(int Line, string LegacyId, string Correction)> Corrected,
    TimeSpan Elapsed);
