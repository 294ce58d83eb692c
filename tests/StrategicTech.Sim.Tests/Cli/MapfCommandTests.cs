using static StrategicTech.Sim.Tests.Cli.CliRunner;
using StrategicTech.Sim.Cli;
using StrategicTech.TestSupport;

namespace StrategicTech.Sim.Tests.Cli;

public sealed class MapfCommandTests
{
    private static string Map => SharedData.PathOf("bench", "movingai", "warehouse-10-20-10-2-1.map");

    private static string Scen => SharedData.PathOf("bench", "movingai", "warehouse-10-20-10-2-1-random-1.scen");

    [Fact]
    public void Bench_solves_the_first_50_warehouse_agents_validly_and_prints_the_measures()
    {
        // Budget generous (60 s of CPU) so the outcome never depends on machine load; the figures live in BENCHMARKS.md.
        (int code, string text, string error) = Run("mapf", "bench", Map, Scen, "--agents", "50", "--time-limit-s", "60", "--first-only", "--no-warmup");
        Assert.True(code == ExitCodes.Success, error + text);
        Assert.Contains("solved yes", text, StringComparison.Ordinal);
        Assert.Contains("SOC/LB", text, StringComparison.Ordinal);
        Assert.Contains("makespan", text, StringComparison.Ordinal);
        Assert.Contains("validator: valid", text, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unsolvable_instance_exits_1()
    {
        // Two agents must swap in a dead-end corridor of three cells: no solution exists, LaCAM exhausts its search.
        string dir = Path.Combine(Path.GetTempPath(), $"mapf-cli-{Environment.ProcessId}");
        Directory.CreateDirectory(dir);
        string map = Path.Combine(dir, "line.map");
        string scen = Path.Combine(dir, "line.scen");
        File.WriteAllText(map, "type octile\nheight 1\nwidth 3\nmap\n...\n");
        File.WriteAllText(scen, "version 1\n0\tline.map\t3\t1\t0\t0\t1\t0\t1\n0\tline.map\t3\t1\t1\t0\t0\t0\t1\n");
        try
        {
            (int code, string text, string error) = Run("mapf", "bench", map, scen, "--agents", "2", "--no-warmup");
            Assert.True(code == ExitCodes.CheckFailed, error + text);
            Assert.Contains("solved no", text, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void More_agents_than_scenario_lines_is_bad_input()
    {
        (int code, _, string error) = Run("mapf", "bench", Map, Scen, "--agents", "5000");
        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Contains("has 1000 lines", error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_map_file_is_bad_input()
    {
        (int code, _, string error) = Run("mapf", "bench", Map + ".missing", Scen, "--agents", "10");
        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Contains(".missing", error, StringComparison.Ordinal);
    }
}
