using Npgsql;
using NpgsqlTypes;

namespace Slots.Infrastructure.Persistence;

/// <summary>Parameters for the statements written by hand.</summary>
internal static class SqlParameters
{
    /// <summary>A named text parameter, SQL NULL when <paramref name="value"/> is null (typed, so <c>@x IS NULL</c> plans).</summary>
    public static NpgsqlParameter NullableText(string name, string? value) =>
        new(name, NpgsqlDbType.Text) { Value = (object?)value ?? DBNull.Value };

    /// <summary>A named integer parameter, SQL NULL when <paramref name="value"/> is null.</summary>
    public static NpgsqlParameter NullableInt(string name, int? value) =>
        new(name, NpgsqlDbType.Integer) { Value = (object?)value ?? DBNull.Value };
}
