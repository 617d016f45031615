namespace Slots.Infrastructure.Persistence;

/// <summary>
/// Instants read from <c>timestamptz</c> columns by hand-written statements: UTC, said so (Npgsql may hand them back
/// unspecified when read through EF's raw queries).
/// </summary>
internal static class DatabaseTimes
{
    public static DateTime Utc(DateTime value) => DateTime.SpecifyKind(value, DateTimeKind.Utc);

    public static DateTime? Utc(DateTime? value) => value is { } v ? Utc(v) : null;
}
