using System.Text.Json;
using StrategicTech.Sim.Cli;
using static StrategicTech.Sim.Tests.Cli.CliRunner;

namespace StrategicTech.Sim.Tests.Cli;

public sealed class SitlCommandTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "sitl-cli-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_dir))
        {
            Directory.Delete(_dir, true);
        }
    }

    [Fact]
    public void Sitl_demo_passes_and_writes_log_plots_and_summary()
    {
        string outDir = Path.Combine(_dir, "demo");
        (int code, string output, string error) = Run("sitl", "demo", "--out", outDir);
        Assert.True(code == ExitCodes.Success, output + error);
        Assert.Equal(string.Empty, error);
        Assert.Contains("result: PASS", output, StringComparison.Ordinal);
        Assert.Contains("real-time factor", output, StringComparison.Ordinal);
        foreach (string f in new[] { "summary.json", "wallclock.json", "truth_vs_estimate.csv", "telemetry.tlog", "track.png", "altitude.png", "attitude.png", "estimator_error.png" })
        {
            Assert.True(File.Exists(Path.Combine(outDir, f)), f + " missing");
        }

        byte[] png = File.ReadAllBytes(Path.Combine(outDir, "track.png"));
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], png[..4]);
        string[] csv = File.ReadAllLines(Path.Combine(outDir, "truth_vs_estimate.csv"));
        Assert.StartsWith("time_s,mode,armed,mission_index,truth_n_m", csv[0], StringComparison.Ordinal);
        Assert.Equal(40, csv[1].Split(',').Length); // 28 truth/estimate columns, 9 σ, 3 NEES
        using JsonDocument summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, "summary.json")));
        Assert.True(summary.RootElement.GetProperty("passed").GetBoolean());
        JsonElement vehicle = summary.RootElement.GetProperty("vehicles")[0];
        Assert.Equal(6, vehicle.GetProperty("criteria").GetArrayLength()); // the demo's five plus waypointTruthWithinAcceptance
        Assert.Equal(6, vehicle.GetProperty("waypoints").GetArrayLength());
        Assert.False(summary.RootElement.TryGetProperty("realTimeFactor", out _));
        using JsonDocument wall = JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, "wallclock.json")));
        Assert.True(wall.RootElement.GetProperty("realTimeFactor").GetDouble() > 0);
    }

    [Fact]
    public void Same_scenario_and_seed_twice_writes_byte_identical_csv_summary_and_tlog()
    {
        string a = Path.Combine(_dir, "a"), b = Path.Combine(_dir, "b");
        Assert.Equal(ExitCodes.Success, Run("sitl", "run", "hover", "--seed", "4", "--out", a, "--no-plots").Code);
        Assert.Equal(ExitCodes.Success, Run("sitl", "run", "hover", "--seed", "4", "--out", b, "--no-plots").Code);
        foreach (string f in new[] { "truth_vs_estimate.csv", "summary.json", "telemetry.tlog" })
        {
            byte[] first = File.ReadAllBytes(Path.Combine(a, f));
            Assert.True(first.Length > 1000, f + " is nearly empty");
            Assert.Equal(first, File.ReadAllBytes(Path.Combine(b, f)));
        }

        // The tlog is a MAVLink log: 8-byte big-endian time stamp, then a v2 frame (0xFD) from system 1.
        byte[] tlog = File.ReadAllBytes(Path.Combine(a, "telemetry.tlog"));
        Assert.Equal(0xFD, tlog[8]);
        Assert.Equal(1, tlog[8 + 5]);
    }

    [Fact]
    public void Failing_criteria_exit_1()
    {
        Directory.CreateDirectory(_dir);
        File.WriteAllText(Path.Combine(_dir, "hover.plan"), Scenarios.ScenarioFiles.ReadBuiltIn("hover.plan"));
        // A 5 cm landing circle: GNSS-grade navigation cannot land that precisely.
        string tight = Scenarios.ScenarioFiles.Valid.Replace("\"landedWithinM\": 2", "\"landedWithinM\": 0.05", StringComparison.Ordinal);
        File.WriteAllText(Path.Combine(_dir, "tight.json"), tight);
        (int code, string output, _) = Run("sitl", "run", Path.Combine(_dir, "tight.json"), "--out", Path.Combine(_dir, "o"), "--no-plots");
        Assert.Equal(ExitCodes.CheckFailed, code);
        Assert.Contains("[FAIL] landed and disarmed near home", output, StringComparison.Ordinal);
        Assert.Contains("result: FAIL", output, StringComparison.Ordinal);
        using JsonDocument summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(_dir, "o", "summary.json")));
        Assert.False(summary.RootElement.GetProperty("passed").GetBoolean());
    }

    [Fact]
    public void A_bad_scenario_file_exits_2_naming_file_field_and_line()
    {
        Directory.CreateDirectory(_dir);
        File.WriteAllText(Path.Combine(_dir, "hover.plan"), Scenarios.ScenarioFiles.ReadBuiltIn("hover.plan"));
        string path = Path.Combine(_dir, "bad.json");
        File.WriteAllText(path, Scenarios.ScenarioFiles.Valid.Replace("\"gustMaxMps\": 1.0", "\"gustMaxMps\": \"strong\"", StringComparison.Ordinal));
        (int code, string output, string error) = Run("sitl", "run", path);
        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Contains("error: " + path + ": world.wind.gustMaxMps (line ", error, StringComparison.Ordinal);
        Assert.Contains("expected a number, got a string", error, StringComparison.Ordinal);
        Assert.DoesNotContain("result:", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--speed must be 'max' or a factor", "sitl", "demo", "--speed", "fast")]
    [InlineData("--speed must be 'max' or a factor", "sitl", "demo", "--speed", "0")]
    [InlineData("--vehicles must be between 1 and 64, got 0", "sitl", "demo", "--vehicles", "0")]
    [InlineData("no such file, and not a built-in scenario", "sitl", "run", "nothing-here.json")]
    public void Bad_arguments_exit_2(string expected, params string[] args)
    {
        (int code, _, string error) = Run(args);
        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }

    [Fact]
    public void Three_vehicles_each_get_their_own_log_directory()
    {
        string outDir = Path.Combine(_dir, "three");
        (int code, string output, string error) = Run("sitl", "run", "hover", "--vehicles", "3", "--out", outDir, "--no-plots");
        Assert.True(code == ExitCodes.Success, output + error);
        for (int id = 1; id <= 3; id++)
        {
            Assert.True(File.Exists(Path.Combine(outDir, $"vehicle-{id}", "truth_vs_estimate.csv")));
            byte[] tlog = File.ReadAllBytes(Path.Combine(outDir, $"vehicle-{id}", "telemetry.tlog"));
            Assert.Equal(id, tlog[8 + 5]); // each vehicle's own MAVLink system id
            Assert.Contains($"vehicle {id} (quad_x): PASS", output, StringComparison.Ordinal);
        }
    }
}
