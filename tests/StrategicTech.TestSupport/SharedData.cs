namespace StrategicTech.TestSupport;

/// <summary>
/// Locates the workplace's read-only <c>shared/</c> folder (reference data: MAVLink XML, logs, maps, benchmarks).
/// It sits beside the repository root; <c>STRATEGICTECH_SHARED</c> overrides. Tests may read it, the product never does.
/// </summary>
public static class SharedData
{
    private static readonly Lazy<string?> Root = new(FindRoot);

    /// <summary>The repository root: the folder that holds <c>StrategicTech.Autonomy.sln</c>.</summary>
    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    /// <summary>Full path of <c>shared/</c>, or null when it is absent (a product-only checkout).</summary>
    public static string? Directory => Root.Value;

    public static bool IsAvailable => Root.Value is not null;

    /// <summary>Where the data belongs, for messages: the override variable and the folder beside the repository.</summary>
    public static string ExpectedLocation =>
        $"set STRATEGICTECH_SHARED or put it at {Path.GetFullPath(Path.Combine(RepositoryRoot, "..", "shared"))}";

    /// <summary>
    /// Why a test that needs <c>shared/</c> is skipped, or null when it runs: it runs when the data is present, and
    /// always when <c>CI</c> is <c>true</c> (CI must never skip reference-data tests; they fail there instead).
    /// </summary>
    public static string? SkipReason =>
        IsAvailable || IsCi ? null : "reference data shared/ is absent (" + ExpectedLocation + ")";

    private static bool IsCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>Full path of a file or folder under <c>shared/</c>; throws with a clear message when shared/ is missing.</summary>
    public static string PathOf(params string[] parts)
    {
        string root = Root.Value ?? throw new InvalidOperationException(
            "reference data shared/ was not found: " + ExpectedLocation + ".");
        return Path.Combine([root, .. parts]);
    }

    private static string? FindRoot()
    {
        string? env = Environment.GetEnvironmentVariable("STRATEGICTECH_SHARED");
        if (!string.IsNullOrEmpty(env) && System.IO.Directory.Exists(env))
        {
            return Path.GetFullPath(env);
        }

        string candidate = Path.GetFullPath(Path.Combine(RepositoryRoot, "..", "shared"));
        return System.IO.Directory.Exists(candidate) ? candidate : null;
    }

    private static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "StrategicTech.Autonomy.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("StrategicTech.Autonomy.sln not found above " + AppContext.BaseDirectory);
    }
}
