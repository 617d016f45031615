namespace Slots.Api.IntegrationTests.Infrastructure;

/// <summary>Where the repository's own files are, for tests that read or check them.</summary>
public static class Repository
{
    public static string Root { get; } = FindRoot();

    public static string ContractTools => Path.Combine(Root, "tools", "contract");

    /// <summary>The linters and newman, installed by <c>./slots test</c> (<c>npm ci</c> in tools/contract).</summary>
    public static string ContractToolsBin
    {
        get
        {
            var bin = Environment.GetEnvironmentVariable("SLOTS_CONTRACT_TOOLS") ?? Path.Combine(ContractTools, "node_modules", ".bin");
            return Directory.Exists(bin)
                ? bin
                : throw new InvalidOperationException($"{bin} is missing. Run the tests with ./slots test, which installs the contract tools.");
        }
    }

    private static string FindRoot()
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
