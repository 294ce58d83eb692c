using static StrategicTech.Sim.Tests.Cli.CliRunner;
using StrategicTech.Sim.Cli;

namespace StrategicTech.Sim.Tests.Cli;

public class CliTests
{
    [Theory]
    [InlineData("--help")]
    [InlineData("demo", "--help")]
    [InlineData("loop", "--help")]
    [InlineData("loop", "jitter", "--help")]
    public void Help_prints_usage_and_exits_0(params string[] args)
    {
        (int code, string output, string error) = Run(args);
        Assert.Equal(0, code);
        Assert.Contains("Usage:", output, StringComparison.Ordinal);
        Assert.Equal(string.Empty, error);
    }

    [Fact]
    public void Every_verb_in_the_root_answers_help()
    {
        foreach (System.CommandLine.Command verb in Program.BuildRoot().Subcommands)
        {
            (int code, string output, _) = Run(verb.Name, "--help");
            Assert.True(code == 0, $"'{verb.Name} --help' exited {code}");
            Assert.Contains(verb.Name, output, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("--bogus", "demo", "--bogus")]
    [InlineData("0", "demo", "--samples", "0")]
    [InlineData("--rate-hz must be a multiple of 100", "loop", "jitter", "--rate-hz", "333")]
    [InlineData("--rate-hz must be a multiple of 100", "loop", "jitter", "--rate-hz", "20000")]
    [InlineData("--seconds must be between 1 and 3600, got 0", "loop", "jitter", "--seconds", "0")]
    [InlineData("abc", "loop", "jitter", "--seconds", "abc")]
    [InlineData("xyz", "demo", "--samples", "xyz")]
    [InlineData("--speed must be 'max' or a factor between 0.01 and 10000, got 'warp'", "demo", "--speed", "warp")]
    [InlineData("nosuchverb", "nosuchverb")]
    public void Bad_arguments_exit_2_with_a_clear_message_on_the_error_writer(string expectedInError, params string[] args)
    {
        (int code, string output, string error) = Run(args);
        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Contains("error:", error, StringComparison.Ordinal);
        Assert.Contains(expectedInError, error, StringComparison.Ordinal);
        Assert.DoesNotContain("result:", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Demo_exits_0_and_prints_the_figures()
    {
        string outDir = Path.Combine(Path.GetTempPath(), "demo-cli-" + Guid.NewGuid().ToString("N"));
        (int code, string output, string error) = Run("demo", "--samples", "2000", "--out", outDir, "--no-plots");
        bool summaryWritten = File.Exists(Path.Combine(outDir, "summary.json"));
        if (Directory.Exists(outDir))
        {
            Directory.Delete(outDir, true);
        }

        Assert.True(summaryWritten, output + error);
        Assert.Equal(0, code);
        Assert.Equal(string.Empty, error);
        Assert.Contains("Flinders Peak → Buninyong:             54972.271", output, StringComparison.Ordinal);
        Assert.Contains("19993558.287", output, StringComparison.Ordinal);
        Assert.Contains("task-1000Hz  runs  10000 (expected  10000)", output, StringComparison.Ordinal);
        Assert.Contains("task-10Hz    runs    100 (expected    100)", output, StringComparison.Ordinal);
        Assert.Contains("bytes allocated 0", output, StringComparison.Ordinal);
        Assert.Contains("result: PASS", output, StringComparison.Ordinal);
        // The same bundled scenario as 'sitl demo', judged on truth.
        Assert.Contains("sitl: scenario 'demo'", output, StringComparison.Ordinal);
        Assert.Contains("vehicle 1 (quad_x): PASS; Finished", output, StringComparison.Ordinal);
        Assert.Contains("landed yes, crashed no, items 9/9 (skipped 0)", output, StringComparison.Ordinal);
        Assert.Contains("real-time factor", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Loop_jitter_runs_and_reports_statistics_gc_counts_and_no_allocation()
    {
        (int code, string output, _) = Run("loop", "jitter", "--seconds", "1", "--rate-hz", "500");
        Assert.Equal(0, code);
        Assert.Contains("rate-control", output, StringComparison.Ordinal);
        Assert.Contains("jitter p50/p99/max", output, StringComparison.Ordinal);
        Assert.Contains("GC collections during the run: gen0", output, StringComparison.Ordinal);
        Assert.Contains("bytes allocated on the loop thread: 0", output, StringComparison.Ordinal);
        Assert.Contains("     500       500", output, StringComparison.Ordinal); // 500 Hz task, 500 runs in 1 s
    }
}
