using Npgsql;
using NpgsqlTypes;

namespace Slots.Infrastructure.Persistence;

/// <summary>Parameters for the statements written by hand.</summary>
internal static class SqlParameters
{
    /// <summary>A named text parameter, SQL NULL when <paramref name="value"/> is null (typed, so <c>@x IS NULL</c> plans).</summary>
    public static NpgsqlParameter NullableText(string name, string? value) =>
        new(name, NpgsqlDbType.Text) { Value = (object?)value ?? DBNull.Value };
}
