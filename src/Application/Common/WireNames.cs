namespace Slots.Application.Common;

/// <summary>The values of <typeparamref name="T"/> by their names in a query string (lower case: <c>?status=failed</c>).</summary>
public static class WireNames<T>
    where T : struct, Enum
{
    public static readonly IReadOnlyDictionary<string, T> ByName =
        Enum.GetValues<T>().ToDictionary(v => v.ToString().ToLowerInvariant(), StringComparer.Ordinal);
}
