namespace Slots.Architecture.Tests;

/// <summary>
/// The clock is injected (<see cref="TimeProvider"/>) so tests can move it. NetArchTest sees types, not
/// member calls, so this reads the source instead.
/// </summary>
public class ClockTests
{
    private static readonly string[] StaticClocks = ["DateTime.UtcNow", "DateTime.Now", "DateTimeOffset.UtcNow", "DateTimeOffset.Now", "DateTime.Today"];

    [Fact]
    public void Production_code_never_reads_a_static_clock()
    {
        var src = Path.Combine(RepositoryRoot(), "src");
        var offenders = Directory.EnumerateFiles(src, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .SelectMany(f => File.ReadLines(f).Select((line, i) => (f, i, line)))
            .Where(x => StaticClocks.Any(c => x.line.Contains(c, StringComparison.Ordinal)))
            .Select(x => $"{Path.GetRelativePath(src, x.f)}:{x.i + 1}")
            .ToList();

        Assert.True(Directory.Exists(Path.Combine(src, "Domain")), $"source not found under {src}");
        Assert.Empty(offenders);
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Slots.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Slots.sln not found above " + AppContext.BaseDirectory);
    }
}
