using FsCheck.Xunit;
using StrategicTech.Drivers.Mavlink;
using StrategicTech.Drivers.Mavlink.Dialects.Common;
using StrategicTech.Drivers.Mavlink.Dialects.Minimal;

namespace StrategicTech.Drivers.Mavlink.Tests.Mavlink;

/// <summary>Issue 17 item 1: after a false start the parser rescans held-back bytes for a real start marker, so the frames it finds do not depend on the chunking.</summary>
public sealed class ResyncTests
{
    [Fact]
    public void Bytes_left_after_a_false_start_are_not_read_as_a_MAVLink_1_header()
    {
        var writer = new MavlinkFrameWriter(1, 1);
        var a = new byte[64];
        a = a[..writer.WriteV2(new Heartbeat { Type = MavType.Quadrotor, MavlinkVersion = 3 }, a)];

        // A MAVLink 1 HEARTBEAT whose 0xFE start marker was replaced by 0x00: not a frame.
        var v1 = new byte[32];
        int v1Length = MavlinkFrameWriter.EncodeV1(new Heartbeat { Type = MavType.FixedWing }, v1, 3, 1, 1);
        byte[] headless = v1[..v1Length];
        headless[0] = 0x00;

        // A MAVLink 2 header claiming 200 bytes of HEARTBEAT (impossible, but only the CRC can tell): it holds the
        // bytes after it back until the end of the stream.
        byte[] falseStart = [0xFD, 200, 0, 0, 0, 1, 1, 0, 0, 0];
        byte[] stream = [.. falseStart, .. a, .. headless];
        Assert.True(a.AsSpan(1).IndexOfAny(MavlinkConstants.MagicV1, MavlinkConstants.MagicV2) < 0);
        Assert.True(headless.AsSpan().IndexOfAny(MavlinkConstants.MagicV1, MavlinkConstants.MagicV2) < 0);

        for (int chunk = 1; chunk <= stream.Length; chunk++)
        {
            var parser = new MavlinkParser(MinimalDialect.Instance);
            var frames = ParseAll.Frames(parser, stream, new FixedChunks(chunk));
            Assert.Equal([a], frames);
            Assert.Equal(1, parser.Stats.Frames);
        }
    }

    /// <summary>Any stream (real frames, damaged frames, noise with start markers), split at random points, gives the frames and counters of the whole buffer.</summary>
    [Property(MaxTest = 300)]
    public void Frames_do_not_depend_on_where_the_stream_is_split(byte[] noise, int seed)
    {
        var random = new Random(seed);
        byte[] stream = MixedStream(noise ?? [], random);
        var wholeParser = new MavlinkParser(CommonDialect.Instance);
        var whole = ParseAll.Frames(wholeParser, stream);

        var splitParser = new MavlinkParser(CommonDialect.Instance);
        var split = ParseAll.Frames(splitParser, stream, new RandomChunks(random, random.Next(1, 40)));

        Assert.Equal(whole.Count, split.Count);
        Assert.True(whole.Zip(split).All(p => p.First.AsSpan().SequenceEqual(p.Second)), "frame bytes differ");
        Assert.Equal(wholeParser.Stats.UnknownIds, splitParser.Stats.UnknownIds);
        Assert.Equal(wholeParser.Stats.GarbageBytes, splitParser.Stats.GarbageBytes);
        Assert.Equal(wholeParser.Stats.BadCrc, splitParser.Stats.BadCrc);
    }

    /// <summary>Real frames from the C-library stream with noise, cut frames, flipped bytes and unknown-id frames between them.</summary>
    internal static byte[] MixedStream(byte[] noise, Random random)
    {
        List<byte[]> frames = StreamFrames.First(2000);
        int first = random.Next(frames.Count - 60);
        var stream = new List<byte>();
        int noiseAt = 0;
        for (int i = first; i < first + 60; i++)
        {
            byte[] frame = (byte[])frames[i].Clone();
            switch (random.Next(6))
            {
                case 0:
                    int take = Math.Min(noise.Length - noiseAt, random.Next(1, 40));
                    byte[] junk = noise.AsSpan(noiseAt, take).ToArray();
                    noiseAt += take;
                    for (int j = random.Next(3); j < junk.Length; j += 1 + random.Next(6))
                    {
                        junk[j] = random.Next(2) == 0 ? MavlinkConstants.MagicV1 : MavlinkConstants.MagicV2;
                    }

                    stream.AddRange(junk);
                    break;
                case 1:
                    frame[random.Next(frame.Length)] ^= (byte)(1 + random.Next(255));
                    break;
                case 2:
                    frame = frame[..random.Next(1, frame.Length)];
                    break;
                case 3:
                    frame[9] = 0x7E; // id 0x7Exxxx: unknown to the dialect, an intact frame otherwise
                    break;
            }

            stream.AddRange(frame);
        }

        return [.. stream];
    }

    private sealed class FixedChunks(int size) : Random
    {
        public override int Next(int maxValue) => Math.Min(size, maxValue) - 1;
    }

    private sealed class RandomChunks(Random random, int max) : Random
    {
        public override int Next(int maxValue) => random.Next(Math.Min(max, maxValue));
    }
}
