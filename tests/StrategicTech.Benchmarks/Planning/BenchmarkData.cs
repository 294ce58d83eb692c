using StrategicTech.TestSupport;

namespace StrategicTech.Benchmarks.Planning;

/// <summary>Paths of the reference data the planning benchmarks read, found like the tests find them (<see cref="SharedData"/>).</summary>
internal static class BenchmarkData
{
    public static string MovingAi(string file) => SharedData.PathOf("bench", "movingai", file);

    public static string RosMap(string folder, string yaml) => SharedData.PathOf("maps", "ros", folder, yaml);
}
