using System.Text.Json;
using StrategicTech.Sim.Cli;
using static StrategicTech.Sim.Tests.Cli.CliRunner;

namespace StrategicTech.Sim.Tests.Cli;

/// <summary><c>autonomy mavlink dump</c> on the tlog a SITL run writes: every field, STATUSTEXT text, PX4 mode names.</summary>
public sealed class MavlinkDumpCommandTests : IClassFixture<MavlinkDumpCommandTests.HoverTlog>
{
    private readonly string _tlog;

    public MavlinkDumpCommandTests(HoverTlog tlog)
    {
        ArgumentNullException.ThrowIfNull(tlog);
        _tlog = tlog.Path;
    }

    [Fact]
    public void Text_dump_prints_time_sender_and_every_heartbeat_field_with_the_px4_mode_name()
    {
        (int code, string output, string error) = Run("mavlink", "dump", _tlog, "--types", "heartbeat,STATUSTEXT");
        Assert.True(code == ExitCodes.Success, error);
        string[] lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        // The tlog epoch is 2026-01-01 00:00:00 UTC plus simulated time.
        Assert.All(lines, l => Assert.StartsWith("2026-01-01 00:0", l, StringComparison.Ordinal));
        string heartbeat = lines.First(l => l.Contains(": HEARTBEAT (1/1) {", StringComparison.Ordinal));
        foreach (string field in new[] { "type : Quadrotor", "autopilot : Px4", "base_mode : ", "custom_mode : ", "system_status : ", "mavlink_version : 3", "mode : " })
        {
            Assert.Contains(field, heartbeat, StringComparison.Ordinal);
        }

        Assert.Contains(lines, l => l.Contains("HEARTBEAT (1/1)", StringComparison.Ordinal) && l.Contains("mode : Mission", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains(": STATUSTEXT (1/1) {severity : Info, text : Armed,", StringComparison.Ordinal));
        Assert.All(lines, l => Assert.Matches(": (HEARTBEAT|STATUSTEXT) ", l));
    }

    [Fact]
    public void Json_dump_is_one_object_per_line_in_time_order_with_decoded_fields()
    {
        (int code, string output, _) = Run("mavlink", "dump", _tlog, "--types", "STATUSTEXT,BATTERY_STATUS", "--json");
        Assert.Equal(ExitCodes.Success, code);
        long lastUs = 0;
        int texts = 0, batteries = 0;
        foreach (string line in output.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            using JsonDocument doc = JsonDocument.Parse(line);
            JsonElement root = doc.RootElement;
            long timeUs = root.GetProperty("timeUs").GetInt64();
            Assert.True(timeUs >= lastUs);
            lastUs = timeUs;
            Assert.Equal(1, root.GetProperty("sysid").GetInt32());
            JsonElement fields = root.GetProperty("fields");
            if (root.GetProperty("type").GetString() == "STATUSTEXT")
            {
                texts++;
                Assert.False(string.IsNullOrEmpty(fields.GetProperty("text").GetString()));
            }
            else
            {
                batteries++;
                Assert.Equal(10, fields.GetProperty("voltages").GetArrayLength());
                Assert.InRange(fields.GetProperty("battery_remaining").GetInt32(), 0, 100);
            }
        }

        Assert.True(texts > 0 && batteries > 0, $"{texts} STATUSTEXT, {batteries} BATTERY_STATUS");
    }

    [Fact]
    public void Csv_dump_has_the_message_fields_as_columns_and_one_complete_row_per_message()
    {
        (int code, string output, _) = Run("mavlink", "dump", _tlog, "--types", "GLOBAL_POSITION_INT", "--csv");
        Assert.Equal(ExitCodes.Success, code);
        string[] lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("time_s,type,sysid,compid,time_boot_ms,lat,lon,alt,relative_alt,vx,vy,vz,hdg", lines[0]);
        Assert.True(lines.Length > 100, $"{lines.Length} lines");
        Assert.All(lines[1..], l => Assert.Equal(13, l.Split(',').Length));
        // Latitude in degE7 near the hover home (47.397742°).
        int lat = int.Parse(lines[^1].Split(',')[5], System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(lat, 473_970_000, 473_985_000);
    }

    [Theory]
    [InlineData("--types names no known MAVLink message: NOT_A_MESSAGE", "--types", "HEARTBEAT,NOT_A_MESSAGE")]
    [InlineData("--csv needs --types", "--csv")]
    [InlineData("give --json or --csv, not both", "--json", "--csv", "--types", "HEARTBEAT")]
    public void Bad_dump_options_exit_2_with_a_sentence(string expected, params string[] options)
    {
        (int code, _, string error) = Run(["mavlink", "dump", _tlog, .. options]);
        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }

    /// <summary>One hover scenario run's telemetry.tlog, shared by the tests.</summary>
    public sealed class HoverTlog : IDisposable
    {
        private readonly string _dir = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "dump-" + Guid.NewGuid().ToString("N"));

        public HoverTlog()
        {
            (int code, string output, string error) = Run("sitl", "run", "hover", "--out", _dir, "--no-plots");
            Assert.True(code == ExitCodes.Success, output + error);
            Path = System.IO.Path.Combine(_dir, "telemetry.tlog");
        }

        public string Path { get; }

        public void Dispose() => Directory.Delete(_dir, true);
    }
}
