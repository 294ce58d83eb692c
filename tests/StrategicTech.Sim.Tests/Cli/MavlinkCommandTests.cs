using static StrategicTech.Sim.Tests.Cli.CliRunner;
using System.Buffers.Binary;
using System.Text.Json;
using StrategicTech.Sim.Cli;
using StrategicTech.TestSupport;

namespace StrategicTech.Sim.Tests.Cli;

public class MavlinkCommandTests
{
    [SharedDataFact]
    public void Decode_json_counts_every_frame_of_the_real_tlog()
    {
        string path = SharedData.PathOf("logs", "vtol.tlog");
        (int code, string text, _) = Run("mavlink", "decode", path, "--json");
        Assert.Equal(ExitCodes.Success, code);
        using JsonDocument doc = JsonDocument.Parse(text);
        JsonElement root = doc.RootElement;
        Assert.Equal("tlog", root.GetProperty("format").GetString());

        // Independent count: walk the tlog records (8-byte timestamp, then one frame whose length the header states).
        byte[] bytes = File.ReadAllBytes(path);
        var expectedById = new Dictionary<int, int>();
        int offset = 0, frames = 0;
        while (offset + 8 < bytes.Length)
        {
            int start = offset + 8;
            byte magic = bytes[start];
            int length = magic == 0xFD
                ? 10 + bytes[start + 1] + 2 + ((bytes[start + 2] & 1) != 0 ? 13 : 0)
                : 6 + bytes[start + 1] + 2;
            int id = magic == 0xFD
                ? bytes[start + 7] | (bytes[start + 8] << 8) | (bytes[start + 9] << 16)
                : bytes[start + 5];
            expectedById[id] = expectedById.GetValueOrDefault(id) + 1;
            frames++;
            offset = start + length;
        }

        Assert.Equal(frames, root.GetProperty("frames").GetInt32());
        foreach (JsonElement message in root.GetProperty("messages").EnumerateArray())
        {
            int id = message.GetProperty("id").GetInt32();
            Assert.Equal(expectedById[id], message.GetProperty("count").GetInt32());
        }

        Assert.Equal(expectedById.Count, root.GetProperty("messages").GetArrayLength());
        long firstUs = BinaryPrimitives.ReadInt64BigEndian(bytes);
        Assert.True(firstUs > 0);
    }

    [SharedDataFact]
    public void Decode_table_names_messages_and_rates()
    {
        (int code, string text, _) = Run("mavlink", "decode", SharedData.PathOf("logs", "vtol.tlog"));
        Assert.Equal(ExitCodes.Success, code);
        Assert.Matches(@"HEARTBEAT\s+0\s+199\s+0\.96", text);
        Assert.Matches(@"ATTITUDE\s+30\s+888\s+4\.28", text);
    }

    [Fact]
    public void Decode_of_a_file_with_no_mavlink_exits_2_naming_it()
    {
        string path = Path.Combine(Path.GetTempPath(), $"not-mavlink-{Environment.ProcessId}.bin");
        File.WriteAllText(path, "this is a text file, not a MAVLink stream\n");
        try
        {
            (int code, _, string error) = Run("mavlink", "decode", path);
            Assert.Equal(ExitCodes.BadInput, code);
            Assert.Contains(path, error, StringComparison.Ordinal);
            (code, _, error) = Run("mavlink", "decode", path + ".missing");
            Assert.Equal(ExitCodes.BadInput, code);
            Assert.Contains("cannot read", error, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
