using System.Data.Common;
using System.Globalization;
using Slots.Application.Slots.ImportSlots;
using Spectre.Console;

namespace Slots.Api.Import;

/// <summary>
/// <c>import FILE [--apply] [--issuer ISSUER]</c> (<c>./slots import</c>): reads a <c>mongoexport</c> dump of the old
/// ConsultingSlots collection and reports what it would import and every document it would not, by line and reason; with
/// <c>--apply</c> it imports. Slots belong to their <c>specialistId</c> at <c>--issuer</c> (default: the identity
/// provider this API trusts, <c>Auth:Authority</c>, else <c>Auth:Issuer</c>). Exits 0 whenever it could read the file,
/// whatever it refused; 1 when it cannot run (no such file, an array that is not JSON, no database); 2 on bad arguments.
/// </summary>
public static class ImportCommand
{
    public const string Name = "import";

    public static async Task<int> RunAsync(IServiceProvider services, IConfiguration configuration, IReadOnlyList<string> args)
    {
        var rest = args.SkipWhile(a => a != Name).Skip(1).ToList();
        var apply = rest.Remove("--apply");
        var issuerAt = rest.IndexOf("--issuer");
        var issuer = configuration["Auth:Authority"] is { Length: > 0 } authority ? authority : configuration["Auth:Issuer"];
        if (issuerAt >= 0 && issuerAt + 1 < rest.Count)
        {
            issuer = rest[issuerAt + 1];
            rest.RemoveRange(issuerAt, 2);
        }

        if (rest.Count != 1 || rest[0].StartsWith("--", StringComparison.Ordinal) || string.IsNullOrWhiteSpace(issuer))
        {
            await Console.Error.WriteLineAsync("usage: import FILE [--apply] [--issuer ISSUER]");
            return 2;
        }

        var file = rest[0];
        await using var scope = services.CreateAsyncScope();
        var import = scope.ServiceProvider.GetRequiredService<ISlotImport>();
        ImportReport report;
        try
        {
            await using var dump = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.Read, 64 * 1024, FileOptions.SequentialScan);
            report = AnsiConsole.Profile.Capabilities.Interactive
                ? await AnsiConsole.Progress().StartAsync(async progress =>
                {
                    var task = progress.AddTask(apply ? "importing" : "checking");
                    return await import.RunAsync(dump, issuer!, apply, new Progress<ImportProgress>(p =>
                    {
                        task.MaxValue = Math.Max(p.Total, 1);
                        task.Value = p.Done;
                    }), CancellationToken.None);
                })
                : await import.RunAsync(dump, issuer!, apply, null, CancellationToken.None);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ImportFileException)
        {
            await Console.Error.WriteLineAsync($"import: cannot read {file}: {ex.Message}");
            return 1;
        }
        catch (DbException ex)
        {
            await Console.Error.WriteLineAsync($"import: the database failed: {ex.Message}");
            return 1;
        }

        await Console.Out.WriteAsync(Describe(report, Path.GetFileName(file)));
        // The time on its own stream, so the report itself is the same on every run.
        var seconds = Math.Max(report.Elapsed.TotalSeconds, 0.001);
        await Console.Error.WriteLineAsync(string.Create(
            CultureInfo.InvariantCulture, $"import: {report.Documents} documents in {seconds:F1} s ({report.Documents / seconds:F0} a second)"));
        return 0;
    }

    /// <summary>The report, as plain text (the same on a terminal and in a file).</summary>
    public static string Describe(ImportReport report, string file)
    {
        ArgumentNullException.ThrowIfNull(report);
        var text = new System.Text.StringBuilder();
        var verb = report.Applied ? "imported" : "would import";
        text.AppendLine(CultureInfo.InvariantCulture, $"{file}: {report.Documents} documents read ({(report.Applied ? "applied" : "dry run: nothing written; --apply imports")})");
        text.AppendLine(CultureInfo.InvariantCulture, $"  {verb}: {report.Slots} slots with {report.Bookings} bookings, for {report.Specialists} specialists");
        text.AppendLine(CultureInfo.InvariantCulture, $"  already imported (same _id), left alone: {report.AlreadyImported}");
        text.AppendLine(CultureInfo.InvariantCulture, $"  corrected: {report.Corrected.Count}");
        foreach (var (line, id, correction) in report.Corrected)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"    line {line} (_id {Printable(id)}): {Printable(correction)}");
        }

        text.AppendLine(CultureInfo.InvariantCulture, $"  refused: {report.Refused.Count}");
        foreach (var refusal in report.Refused)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"    line {refusal.Line}{(refusal.LegacyId is null ? "" : $" (_id {Printable(refusal.LegacyId)})")}: {refusal.Code}: {Printable(refusal.Reason)}");
        }

        return text.ToString();
    }

    /// <summary>
    /// A value from the file as the report may print it: control characters (an escape sequence could rewrite what a
    /// terminal shows) and the invisible ones that reorder text are written as <c>\uXXXX</c>.
    /// </summary>
    public static string Printable(string? value)
    {
        if (value is null || !value.Any(Hidden))
        {
            return value ?? "";
        }

        var text = new System.Text.StringBuilder(value.Length + 16);
        foreach (var c in value)
        {
            text.Append(Hidden(c) ? $"\\u{(int)c:x4}" : c);
        }

        return text.ToString();
    }

    private static bool Hidden(char c) =>
        char.IsControl(c) || c is >= '\u200b' and <= '\u200f' or >= '\u202a' and <= '\u202e' or >= '\u2066' and <= '\u2069' or '\ufeff';
}
