using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using StrategicTech.Drivers.Mavlink;
using StrategicTech.Sim.Cli;
using static StrategicTech.Sim.Tests.Cli.CliRunner;

namespace StrategicTech.Sim.Tests.Cli;

/// <summary>
/// How <c>sitl run</c> ends and reports: optional criteria and skipped items in the CLI output, errors as sentences
/// with exit 2, and Ctrl+C/SIGTERM on the real process leaving complete outputs.
/// </summary>
public sealed class SitlEndingsCliTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "sitl-endings-" + Guid.NewGuid().ToString("N"));

    public SitlEndingsCliTests()
    {
        Directory.CreateDirectory(_dir);
        File.WriteAllText(Path.Combine(_dir, "hover.plan"), Scenarios.ScenarioFiles.ReadBuiltIn("hover.plan"));
    }

    public void Dispose()
    {
        if (Directory.Exists(_dir))
        {
            Directory.Delete(_dir, true);
        }
    }

    [Fact]
    public void An_optional_failing_criterion_prints_as_optional_and_the_run_exits_0()
    {
        string path = Path.Combine(_dir, "opt.json");
        File.WriteAllText(path, Scenarios.ScenarioFiles.Valid.Replace("\"landedWithinM\": 2", "\"landedWithinM\": { \"limit\": 0.05, \"optional\": true }", StringComparison.Ordinal));
        (int code, string output, string error) = Run("sitl", "run", path, "--out", Path.Combine(_dir, "o"), "--no-plots");
        Assert.True(code == ExitCodes.Success, output + error);
        Assert.Contains("[fail] landed and disarmed near home", output, StringComparison.Ordinal);
        Assert.Contains(", optional", output, StringComparison.Ordinal);
        Assert.Contains("result: PASS", output, StringComparison.Ordinal);
    }

    [Fact]
    public void A_run_cut_by_its_time_limit_prints_not_reached_never_infinity()
    {
        // 15 s: the EKF takes about 10 s to be ready, so the waypoint is never reached.
        string path = Path.Combine(_dir, "short.json");
        File.WriteAllText(path, Scenarios.ScenarioFiles.Valid.Replace("\"timeLimitS\": 200", "\"timeLimitS\": 15", StringComparison.Ordinal));
        (int code, string output, _) = Run("sitl", "run", path, "--out", Path.Combine(_dir, "s"), "--no-plots");
        Assert.Equal(ExitCodes.CheckFailed, code);
        Assert.Contains("not reached", output, StringComparison.Ordinal);
        Assert.DoesNotContain("Infinity", output, StringComparison.Ordinal);
        Assert.DoesNotContain("∞", output, StringComparison.Ordinal);
    }

    [Fact]
    public void An_output_directory_that_cannot_be_created_exits_2_with_a_sentence()
    {
        string file = Path.Combine(_dir, "a-file");
        File.WriteAllText(file, "x");
        (int code, string output, string error) = Run("sitl", "run", "hover", "--out", Path.Combine(file, "sub"), "--no-plots");
        Assert.Equal(ExitCodes.BadInput, code);
        Assert.StartsWith("error: cannot write the outputs to '" + Path.Combine(file, "sub") + "': ", error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal); // no stack trace
        Assert.DoesNotContain("simulated", output, StringComparison.Ordinal); // nothing was flown
    }

    [Fact]
    public void A_mavlink_port_already_in_use_exits_2_with_a_message()
    {
        // Hold 127.0.0.1:14580 (vehicle 0's port) ourselves; if another process already holds it, it is in use all the same.
        using var holder = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        try
        {
            holder.Bind(new IPEndPoint(IPAddress.Loopback, 14580));
        }
        catch (SocketException)
        {
        }

        (int code, _, string error) = Run("sitl", "run", "hover", "--mavlink", "--out", Path.Combine(_dir, "p"), "--no-plots");
        Assert.Equal(ExitCodes.BadInput, code);
        Assert.StartsWith("error: ", error, StringComparison.Ordinal);
        Assert.Contains("is another SITL running?", error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--seed expects a whole number of 0 or more, got 'abc'.", "sitl", "run", "hover", "--seed", "abc")]
    [InlineData("--vehicles expects a whole number, got 'two'.", "sitl", "run", "hover", "--vehicles", "two")]
    public void Option_type_errors_read_as_sentences_without_dotnet_type_names(string expected, params string[] args)
    {
        (int code, _, string error) = Run(args);
        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Contains("error: " + expected, error, StringComparison.Ordinal);
        Assert.DoesNotContain("System.", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("INT", "SIGINT")]
    [InlineData("TERM", "SIGTERM")]
    public void A_signal_mid_run_stops_cleanly_and_leaves_complete_summary_csv_plots_and_tlog(string signal, string name)
    {
        string outDir = Path.Combine(_dir, "sig");
        using var run = SitlVehicleProcess.Cli("sitl", "run", "demo", "--speed", "4", "--out", outDir);
        // Progress lines come every 20 simulated seconds ("t   21.0 s  Mission ..."): the first in flight will do.
        run.WaitFor("s  Mission ");
        run.Signal(signal);
        Assert.True(run.WaitForExit() == ExitCodes.CheckFailed, run.Transcript + run.Errors());
        Assert.Contains("stopped by " + name, run.Transcript, StringComparison.Ordinal);
        Assert.Contains("result: INTERRUPTED", run.Transcript, StringComparison.Ordinal);

        using JsonDocument summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, "summary.json")));
        Assert.True(summary.RootElement.GetProperty("interrupted").GetBoolean());
        Assert.False(summary.RootElement.GetProperty("passed").GetBoolean());
        double simulatedS = summary.RootElement.GetProperty("simulatedTimeS").GetDouble();
        Assert.True(simulatedS >= 20, $"stopped at {simulatedS} s");

        // CSV: a header and one complete row per 20 ms of what ran (a row at every 20th 1 ms tick, so a run stopped
        // between two rows has floor(ticks / 20) of them; simulatedTimeS is exact to the millisecond).
        string[] csv = File.ReadAllLines(Path.Combine(outDir, "truth_vs_estimate.csv"));
        Assert.Equal((int)Math.Floor((simulatedS * 50) + 1e-6), csv.Length - 1);
        Assert.Equal(csv[0].Split(',').Length, csv[^1].Split(',').Length);
        foreach (string png in new[] { "track.png", "altitude.png", "attitude.png", "estimator_error.png" })
        {
            Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], File.ReadAllBytes(Path.Combine(outDir, png))[..4]);
        }

        // The tlog parses to its last byte: no partial record, no bad CRC, and it covers the run up to the stop.
        byte[] tlog = File.ReadAllBytes(Path.Combine(outDir, "telemetry.tlog"));
        var parser = new MavlinkParser(MavlinkDialects.ByName("all")!);
        var reader = new MavlinkTlogReader(parser);
        ReadOnlySpan<byte> input = tlog;
        long frames = 0, firstUs = -1, lastUs = -1;
        while (reader.TryRead(ref input, out long timeUs, out MavlinkFrame _))
        {
            frames++;
            firstUs = firstUs < 0 ? timeUs : firstUs;
            lastUs = timeUs;
        }

        Assert.Equal(0, input.Length);
        Assert.Equal(0, reader.SkippedBytes);
        Assert.Equal(0, parser.Stats.BadCrc);
        Assert.Equal(0, parser.Stats.Truncated);
        // ATTITUDE alone streams at 20 Hz: at least that many frames per simulated second (measured about 40 per second).
        Assert.True(frames >= 20 * simulatedS, $"{frames} frames in {simulatedS} s");
        Assert.True((lastUs - firstUs) / 1e6 >= simulatedS - 1, $"tlog spans {(lastUs - firstUs) / 1e6} s of {simulatedS} s"); // the 1 Hz streams start within the first second
    }
}
