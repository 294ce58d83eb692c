using System.Text.Json;

namespace StrategicTech.Sim.Tests.Cli;

/// <summary><c>autonomy amr run</c>: exit 0 when the criteria hold, 1 when one fails, 2 on a bad file naming file, line and field.</summary>
public sealed class AmrRunCommandTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "amr-run-cli-" + Guid.NewGuid().ToString("N"));

    public AmrRunCommandTests() => Directory.CreateDirectory(_directory);

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void A_bundled_scenario_passes_with_exit_0_and_writes_summary_with_criteria_zero_kidnap_detections_and_plots()
    {
        (int code, string output, string error) = CliRunner.Run("amr", "run", "warehouse-wrong-initial-pose", "--out", _directory);

        Assert.True(code == 0, output + error);
        Assert.Contains("scenario warehouse-wrong-initial-pose", output, StringComparison.Ordinal);
        Assert.Contains("ok   final localization error (worst goal)", output, StringComparison.Ordinal);
        Assert.EndsWith("PASS" + Environment.NewLine, output, StringComparison.Ordinal);
        using JsonDocument summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(_directory, "summary.json")));
        Assert.True(summary.RootElement.GetProperty("passed").GetBoolean());
        Assert.Equal("warehouse-wrong-initial-pose", summary.RootElement.GetProperty("scenario").GetString());
        Assert.Contains(summary.RootElement.GetProperty("criteria").EnumerateArray(), c => c.GetProperty("key").GetString() == "finalLocalizationErrorM");

        // Kidnap recovery runs in every scenario; a 1 m / 30° wrong initial pose is no kidnap.
        Assert.Equal(0, summary.RootElement.GetProperty("relocalization").GetProperty("kidnapDetections").GetInt64());
        Assert.True(File.Exists(Path.Combine(_directory, "amr_map.png")));
    }

    [Fact]
    public void A_time_limit_too_short_for_the_goals_fails_the_criterion_with_exit_1()
    {
        string path = Path.Combine(_directory, "short.json");
        File.WriteAllText(path, """
            {
              "map": { "builtIn": "warehouse" },
              "robot": { "start": { "xM": 1.5, "yM": 1.0 } },
              "goals": [ { "xM": 14.5, "yM": 1.0 }, { "xM": 1.5, "yM": 1.0 } ],
              "criteria": { "timeLimitS": 5 }
            }
            """);

        (int code, string output, string error) = CliRunner.Run("amr", "run", path, "--out", _directory, "--no-plots");

        Assert.True(code == 1, output + error);
        Assert.Contains("FAIL time for all goals", output, StringComparison.Ordinal);
        Assert.Contains("not started: time limit", output, StringComparison.Ordinal);
    }

    [Fact]
    public void A_bad_scenario_file_exits_2_naming_file_field_and_line()
    {
        string path = Path.Combine(_directory, "bad.json");
        File.WriteAllText(path, """
            {
              "map": { "builtIn": "warehouse" },
              "robot": { "start": { "xM": 1.5, "yM": 1.0 } },
              "goals": [ { "xM": 8.0, "yM": 2.5 } ],
              "criteria": { }
            }
            """);

        (int code, _, string error) = CliRunner.Run("amr", "run", path);

        Assert.Equal(2, code);
        Assert.Contains(path + ": goals[0] (line 4): (8, 2.5) is not free space", error, StringComparison.Ordinal);
        (code, _, error) = CliRunner.Run("amr", "run", "no-such-scenario");
        Assert.Equal(2, code);
        Assert.Contains("warehouse-lidar-dropout", error, StringComparison.Ordinal);
    }
}
