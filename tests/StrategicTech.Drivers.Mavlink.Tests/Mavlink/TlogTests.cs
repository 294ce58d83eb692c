using System.Buffers.Binary;
using StrategicTech.Drivers.Mavlink;
using StrategicTech.Drivers.Mavlink.Dialects.Ardupilotmega;
using StrategicTech.Drivers.Mavlink.Dialects.Common;
using StrategicTech.Drivers.Mavlink.Dialects.Standard;
using StrategicTech.TestSupport;

namespace StrategicTech.Drivers.Mavlink.Tests.Mavlink;

/// <summary>Real ArduPlane telemetry (shared/logs/vtol.tlog) decodes cleanly.</summary>
public sealed class TlogTests
{
    private static byte[] Log => File.ReadAllBytes(SharedData.PathOf("logs", "vtol.tlog"));

    [SharedDataFact]
    public void Vtol_tlog_decodes_with_zero_errors_and_counts_matching_an_independent_scan()
    {
        byte[] log = Log;
        Dictionary<uint, int> expected = IndependentCount(log);
        var reader = new MavlinkTlogReader(new MavlinkParser(ArdupilotmegaDialect.Instance));
        var counts = new Dictionary<uint, int>();
        long firstUs = 0, lastUs = 0;
        double minLatDeg = double.MaxValue, maxRelAltM = double.MinValue;
        ReadOnlySpan<byte> input = log;
        while (reader.TryRead(ref input, out long timeUs, out MavlinkFrame frame))
        {
            firstUs = firstUs == 0 ? timeUs : firstUs;
            lastUs = timeUs;
            Assert.True(frame.IsKnown);
            Assert.Equal(1, frame.Version);
            counts[frame.MessageId] = counts.GetValueOrDefault(frame.MessageId) + 1;
            if (frame.TryDecode(out GlobalPositionInt position))
            {
                minLatDeg = Math.Min(minLatDeg, position.Lat * 1e-7);
                maxRelAltM = Math.Max(maxRelAltM, position.RelativeAlt * 1e-3);
            }
        }

        reader.Finish(input);
        MavlinkParserStats stats = reader.Parser.Stats;
        Assert.Equal(23894, stats.Frames);
        Assert.Equal(0, stats.BadCrc);
        Assert.Equal(0, stats.Errors);
        Assert.Equal(0, stats.UnknownIds);
        Assert.Equal(0, reader.SkippedBytes);
        Assert.Equal(expected.OrderBy(kv => kv.Key), counts.OrderBy(kv => kv.Key));
        Assert.Equal(1147, counts[ParamValue.MsgId]);
        Assert.Equal(889, counts[Simstate.MsgId]);
        Assert.Equal(207.6, (lastUs - firstUs) / 1e6, 0.5);
        Assert.InRange(minLatDeg, -35.37, -35.35);
        Assert.InRange(maxRelAltM, 55, 75);
    }

    [SharedDataFact]
    public void A_corrupt_record_is_counted_and_skipped_and_the_rest_of_the_log_still_decodes()
    {
        byte[] log = Log;
        // Record 1000: find it by walking (8-byte time + v1 frame), then flip a payload bit.
        int at = 0;
        for (int i = 0; i < 1000; i++)
        {
            at += 8 + 6 + log[at + 9] + 2;
        }

        int recordLength = 8 + 6 + log[at + 9] + 2;
        log[at + 8 + 6] ^= 0x10;
        var reader = new MavlinkTlogReader(new MavlinkParser(ArdupilotmegaDialect.Instance));
        long frames = 0;
        ReadOnlySpan<byte> input = log;
        while (reader.TryRead(ref input, out _, out _))
        {
            frames++;
        }

        Assert.Equal(23893, frames);
        Assert.True(reader.Parser.Stats.BadCrc >= 1);
        Assert.True(reader.SkippedBytes >= recordLength, $"skipped {reader.SkippedBytes}, record {recordLength}");
    }

    [SharedDataFact]
    public void Tlog_is_detected_and_a_raw_stream_is_not()
    {
        Assert.True(MavlinkTlogReader.LooksLikeTlog(Log));
        Assert.False(MavlinkTlogReader.LooksLikeTlog(StreamFrames.All.AsSpan(0, 4096)));
    }

    /// <summary>Counts message ids by walking records (8-byte time, v1 frame) without the library's parser.</summary>
    private static Dictionary<uint, int> IndependentCount(byte[] log)
    {
        var counts = new Dictionary<uint, int>();
        int at = 0;
        while (at + 8 + 6 <= log.Length)
        {
            ulong time = BinaryPrimitives.ReadUInt64BigEndian(log.AsSpan(at));
            Assert.InRange(time, 1_500_000_000_000_000UL, 1_600_000_000_000_000UL);
            int frame = at + 8;
            Assert.Equal(0xFE, log[frame]);
            uint id = log[frame + 5];
            counts[id] = counts.GetValueOrDefault(id) + 1;
            at = frame + 6 + log[frame + 1] + 2;
        }

        Assert.Equal(log.Length, at);
        return counts;
    }
}
