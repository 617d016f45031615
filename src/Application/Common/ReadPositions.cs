using System.Text.RegularExpressions;

namespace Slots.Application.Common;

/// <summary>
/// A commit's position, as a command's answer names it (<c>Slots-Read-After</c>) and a read passes it back: a read that
/// names one is served only by a node that holds that commit. Opaque to callers; here, two hexadecimal numbers of up to 32
/// bits each, a slash between (<c>16/B374D848</c>).
/// </summary>
public static partial class ReadPositions
{
    public const int MaxLength = 17;

    /// <summary>The shape as a JSON Schema (ECMAScript) pattern, as the API's document states it.</summary>
    public const string Pattern = "^" + Shape + "$";

    private const string Shape = "[0-9A-Fa-f]{1,8}/[0-9A-Fa-f]{1,8}";

    /// <summary>Past every position: a read that names it goes to the primary.</summary>
    public const string Unknown = "FFFFFFFF/FFFFFFFF";

    public static bool IsValid(string? text) => text is not null && Whole().IsMatch(text);

    // \z, not $: .NET's $ also matches before a final newline.
    [GeneratedRegex("^" + Shape + @"\z")]
    private static partial Regex Whole();
}

/// <summary>
/// Where the request's command committed, when reads may go to a standby: the token its answer carries
/// (<see cref="ReadPositions"/>). One per request; the unit of work fills it in.
/// </summary>
public sealed class CommitPosition
{
    /// <summary>The position, or null when the request committed nothing or every read is the primary's anyway.</summary>
    public string? Token { get; set; }
}
