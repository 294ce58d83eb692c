using StrategicTech.TestSupport;
using BenchmarkDotNet.Attributes;
using StrategicTech.Navigation.Logs;

namespace StrategicTech.Benchmarks.Logs;

/// <summary>Parse of the shared 621 491-byte PX4 flight log from memory (throughput = size / mean time).</summary>
[MemoryDiagnoser]
public class ULogParseBenchmarks
{
    private byte[] _file = [];

    [GlobalSetup]
    public void Setup() => _file = File.ReadAllBytes(SharedData.PathOf("logs", "esc_status_log.ulg"));

    [Benchmark]
    public int ParseEscStatusLog() => ULogReader.Read(_file).Topics.Count;

    [Benchmark]
    public double ParseAndReadAttitudeColumn() => ULogReader.Read(_file).GetTopic("vehicle_attitude").GetColumn("q[0]")[^1];
}

