using System.Diagnostics;

namespace Slots.Drills;

/// <summary>The repository's scripts (<c>scripts/*.sh</c>) as the drills run them.</summary>
internal static class Scripts
{
    /// <summary>Runs <c>scripts/<paramref name="name"/></c> with bash; its output, or an error that quotes what it said.</summary>
    public static async Task<string> RunAsync(string root, string name, params string[] arguments)
    {
        var info = new ProcessStartInfo("bash", [Path.Combine(root, "scripts", name), .. arguments])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return process.ExitCode == 0
            ? await output
            : throw new InvalidOperationException($"scripts/{name} {string.Join(' ', arguments)} failed: {(await errors).Trim()}");
    }
}
