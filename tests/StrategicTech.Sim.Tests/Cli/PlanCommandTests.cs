using static StrategicTech.Sim.Tests.Cli.CliRunner;
using System.Globalization;
using StrategicTech.Sim.Cli;
using StrategicTech.TestSupport;

namespace StrategicTech.Sim.Tests.Cli;

public sealed class PlanCommandTests
{
    private static string Map => SharedData.PathOf("bench", "movingai", "den312d.map");

    private static string Scen => SharedData.PathOf("bench", "movingai", "den312d.map.scen");

    [SharedDataTheory]
    [InlineData("astar")]
    [InlineData("jps")]
    [InlineData("theta")]
    public void Bench_matches_every_sampled_optimal_length_and_allocates_nothing(string algo)
    {
        (int code, string text, string error) = Run("plan", "bench", Map, Scen, "--algo", algo, "--sample", "150", "--seed", "7");
        Assert.True(code == ExitCodes.Success, error + text);
        Assert.Contains("queries=150", text, StringComparison.Ordinal);
        Assert.Contains("bytes allocated per query: 0.0", text, StringComparison.Ordinal);
        Assert.Contains("result: PASS", text, StringComparison.Ordinal);
        if (algo != "theta")
        {
            Assert.Contains("optimal lengths matched: 150/150", text, StringComparison.Ordinal);
        }
    }

    [SharedDataFact]
    public void A_wrong_optimal_length_fails_with_exit_1()
    {
        string scen = Path.Combine(Path.GetTempPath(), $"wrong-{Environment.ProcessId}.scen");
        string[] lines = File.ReadAllLines(Scen);
        string[] fields = lines[1].Split('\t');
        fields[8] = (double.Parse(fields[8], CultureInfo.InvariantCulture) + 1).ToString(CultureInfo.InvariantCulture);
        File.WriteAllLines(scen, [lines[0], string.Join('\t', fields)]);
        try
        {
            (int code, string text, _) = Run("plan", "bench", Map, scen, "--algo", "astar");
            Assert.Equal(ExitCodes.CheckFailed, code);
            Assert.Contains("optimal lengths matched: 0/1", text, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(scen);
        }
    }

    [SharedDataFact]
    public void A_malformed_scenario_exits_2_naming_file_and_line()
    {
        string scen = Path.Combine(Path.GetTempPath(), $"bad-{Environment.ProcessId}.scen");
        File.WriteAllLines(scen, ["version 1", "0\tden312d.map\t65\t81\t10\tnot-a-number\t13\t12\t3.41421"]);
        try
        {
            (int code, _, string error) = Run("plan", "bench", Map, scen);
            Assert.Equal(ExitCodes.BadInput, code);
            Assert.Contains(Path.GetFileName(scen), error, StringComparison.Ordinal);
            Assert.Contains(":2", error, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(scen);
        }
    }
    [Fact]
    public void A_version_1_0_file_with_lengths_rounded_to_2_decimals_passes()
    {
        string scen = Path.Combine(Path.GetTempPath(), $"v10-{Environment.ProcessId}.scen");
        string[] lines = File.ReadAllLines(Scen);
        var rewritten = new List<string> { "version 1.0" };
        foreach (string line in lines.Skip(1).Take(60))
        {
            string[] fields = line.Split('\t');
            fields[8] = double.Parse(fields[8], CultureInfo.InvariantCulture).ToString("F2", CultureInfo.InvariantCulture);
            rewritten.Add(string.Join('\t', fields));
        }

        File.WriteAllLines(scen, rewritten);
        try
        {
            (int code, string text, string error) = Run("plan", "bench", Map, scen, "--algo", "astar");
            Assert.True(code == ExitCodes.Success, error + text);
            Assert.Contains("optimal lengths matched: 60/60", text, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(scen);
        }
    }

    [Fact]
    public void A_2_decimal_length_off_by_one_hundredth_still_fails()
    {
        string scen = Path.Combine(Path.GetTempPath(), $"v10-off-{Environment.ProcessId}.scen");
        string[] fields = File.ReadAllLines(Scen)[1].Split('\t');
        fields[8] = (Math.Round(double.Parse(fields[8], CultureInfo.InvariantCulture), 2) + 0.01).ToString("F2", CultureInfo.InvariantCulture);
        File.WriteAllLines(scen, ["version 1.0", string.Join('\t', fields)]);
        try
        {
            (int code, string text, _) = Run("plan", "bench", Map, scen, "--algo", "astar");
            Assert.Equal(ExitCodes.CheckFailed, code);
            Assert.Contains("optimal lengths matched: 0/1", text, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(scen);
        }
    }

    [Fact]
    public void A_scenario_file_without_queries_exits_2_with_a_message()
    {
        string scen = Path.Combine(Path.GetTempPath(), $"empty-{Environment.ProcessId}.scen");
        File.WriteAllLines(scen, ["version 1"]);
        try
        {
            (int code, string text, string error) = Run("plan", "bench", Map, scen);
            Assert.Equal(ExitCodes.BadInput, code);
            Assert.Contains("no queries", error, StringComparison.Ordinal);
            Assert.DoesNotContain("PASS", text, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(scen);
        }
    }
}
