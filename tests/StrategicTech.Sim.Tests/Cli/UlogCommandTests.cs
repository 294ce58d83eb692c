using static StrategicTech.Sim.Tests.Cli.CliRunner;
using System.Text.Json;
using StrategicTech.Sim.Cli;
using StrategicTech.TestSupport;

namespace StrategicTech.Sim.Tests.Cli;

public class UlogCommandTests
{
    [SharedDataFact]
    public void Info_prints_header_topics_and_parameters()
    {
        (int code, string text, _) = Run("ulog", "info", SharedData.PathOf("logs", "esc_status_log.ulg"));
        Assert.Equal(ExitCodes.Success, code);
        Assert.Contains("PX4_FMU_V3", text, StringComparison.Ordinal);
        Assert.Contains("Parameters: 759", text, StringComparison.Ordinal);
        Assert.Matches(@"vehicle_attitude\[0\]\s+1099\s+2\d\.\d", text);
        Assert.Contains("Logged messages: 0", text, StringComparison.Ordinal);
    }

    [SharedDataFact]
    public void Json_output_parses_and_carries_the_counts()
    {
        (int code, string text, _) = Run("ulog", "info", SharedData.PathOf("logs", "esc_status_log.ulg"), "--json");
        Assert.Equal(ExitCodes.Success, code);
        using JsonDocument doc = JsonDocument.Parse(text);
        JsonElement root = doc.RootElement;
        Assert.Equal(759, root.GetProperty("parameterCount").GetInt32());
        Assert.Equal("PX4", root.GetProperty("info").GetProperty("sys_name").GetString());
        JsonElement attitude = root.GetProperty("topics").EnumerateArray().Single(t => t.GetProperty("name").GetString() == "vehicle_attitude");
        Assert.Equal(1099, attitude.GetProperty("samples").GetInt32());
        Assert.Equal(35, root.GetProperty("topics").GetArrayLength());
    }

    [SharedDataFact]
    public void Csv_prints_every_sample_of_a_topic()
    {
        (int code, string text, _) = Run("ulog", "csv", SharedData.PathOf("logs", "esc_status_log.ulg"), "vehicle_local_position");
        Assert.Equal(ExitCodes.Success, code);
        string[] lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(1 + 315, lines.Length);
        string[] header = lines[0].Split(',');
        Assert.Equal("timestamp", header[0]);
        int z = Array.IndexOf(header, "z");
        double[] zs = lines.Skip(1).Select(l => double.Parse(l.Split(',')[z], System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        Assert.Equal(-16.722307, zs.Min(), 6); // measured −16.7223072 m (the log's lowest z, float32 printed exactly)
        (code, _, string error) = Run("ulog", "csv", SharedData.PathOf("logs", "esc_status_log.ulg"), "no_such_topic");
        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Contains("no topic no_such_topic[0]", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Bad_file_exits_2_naming_file_and_offset()
    {
        string path = Path.Combine(Path.GetTempPath(), $"not-a-ulog-{Environment.ProcessId}.ulg");
        File.WriteAllText(path, "this is not a ulog file at all");
        try
        {
            (int code, _, string error) = Run("ulog", "info", path);
            Assert.Equal(ExitCodes.BadInput, code);
            Assert.Contains(path, error, StringComparison.Ordinal);
            Assert.Contains("bad magic", error, StringComparison.Ordinal);
            (code, _, error) = Run("ulog", "info", path + ".missing");
            Assert.Equal(ExitCodes.BadInput, code);
            Assert.Contains("cannot read", error, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Info_prints_tagged_messages_with_their_tag_and_px4_events_by_component_and_id()
    {
        string path = Path.Combine(Path.GetTempPath(), "ulog-events-" + Guid.NewGuid().ToString("N") + ".ulg");
        try
        {
            using (FileStream stream = File.Create(path))
            {
                var w = new StrategicTech.Navigation.Logs.ULogWriter(stream);
                w.WriteHeader(0);
                w.WriteFlagBits(0, 0);
                w.WriteFormat("event:uint64_t timestamp;uint32_t id;uint16_t event_sequence;uint8_t[25] arguments;uint8_t log_levels");
                w.WriteAddSubscription(0, 0, "event");
                var sample = new byte[40];
                System.Buffers.Binary.BinaryPrimitives.WriteUInt64LittleEndian(sample, 2_000_000);
                System.Buffers.Binary.BinaryPrimitives.WriteUInt32LittleEndian(sample.AsSpan(8), 0x0112_3456);
                System.Buffers.Binary.BinaryPrimitives.WriteUInt16LittleEndian(sample.AsSpan(12), 7);
                sample[14] = 0x2A;
                sample[39] = 0x64;
                w.WriteData(0, sample);
                w.WriteLoggingTagged(StrategicTech.Navigation.Logs.ULogLogLevel.Warning, 3, 1_500_000, "battery low");
            }

            (int code, string text, _) = Run("ulog", "info", path);
            Assert.Equal(ExitCodes.Success, code);
            Assert.Contains("1.500 s Warning   [tag 3] battery low", text, StringComparison.Ordinal);
            Assert.Contains("Events: 1", text, StringComparison.Ordinal);
            Assert.Contains("2.000 s warning   component 1 event 1193046 (id 0x01123456, seq 7, internal info) args 2A", text, StringComparison.Ordinal);

            (code, text, _) = Run("ulog", "info", path, "--json");
            Assert.Equal(ExitCodes.Success, code);
            using JsonDocument doc = JsonDocument.Parse(text);
            JsonElement message = doc.RootElement.GetProperty("messages")[0];
            Assert.Equal(3, message.GetProperty("tag").GetInt32());
            JsonElement e = doc.RootElement.GetProperty("events")[0];
            Assert.Equal(1, e.GetProperty("component").GetInt32());
            Assert.Equal(0x123456, e.GetProperty("subId").GetInt32());
            Assert.Equal("warning", e.GetProperty("level").GetString());
        }
        finally
        {
            File.Delete(path);
        }
    }
}
