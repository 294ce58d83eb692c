using BenchmarkDotNet.Attributes;
using StrategicTech.Navigation.Logs;

namespace StrategicTech.Benchmarks.Logs;

/// <summary>Parse of the shared 621 491-byte PX4 flight log from memory (throughput = size / mean time).</summary>
[MemoryDiagnoser]
public class ULogParseBenchmarks
{
    private byte[] _file = [];

    [GlobalSetup]
    public void Setup() => _file = File.ReadAllBytes(SharedLog.Path("esc_status_log.ulg"));

    [Benchmark]
    public int ParseEscStatusLog() => ULogReader.Read(_file).Topics.Count;

    [Benchmark]
    public double ParseAndReadAttitudeColumn() => ULogReader.Read(_file).GetTopic("vehicle_attitude").GetColumn("q[0]")[^1];
}

/// <summary>Finds <c>shared/logs</c> beside the repository (or at <c>STRATEGICTECH_SHARED</c>) from wherever BenchmarkDotNet runs the job.</summary>
internal static class SharedLog
{
    public static string Path(string name)
    {
        string? env = Environment.GetEnvironmentVariable("STRATEGICTECH_SHARED");
        if (!string.IsNullOrEmpty(env))
        {
            return System.IO.Path.Combine(env, "logs", name);
        }

        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            string candidate = System.IO.Path.Combine(dir.FullName, "shared", "logs", name);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException($"shared/logs/{name} not found above {AppContext.BaseDirectory}; set STRATEGICTECH_SHARED");
    }
}
