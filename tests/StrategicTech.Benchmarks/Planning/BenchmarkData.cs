namespace StrategicTech.Benchmarks.Planning;

/// <summary>Finds the read-only shared data beside the repository (STRATEGICTECH_SHARED overrides).</summary>
internal static class BenchmarkData
{
    public static string MovingAi(string file) => Path.Combine(SharedRoot(), "bench", "movingai", file);

    private static string SharedRoot()
    {
        string? env = Environment.GetEnvironmentVariable("STRATEGICTECH_SHARED");
        if (!string.IsNullOrEmpty(env) && Directory.Exists(env))
        {
            return env;
        }

        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "StrategicTech.Autonomy.sln")))
            {
                return Path.Combine(dir.Parent?.FullName ?? dir.FullName, "shared");
            }
        }

        throw new InvalidOperationException("shared/ not found beside the repository; set STRATEGICTECH_SHARED");
    }
}
