using FsCheck;
using FsCheck.Xunit;
using StrategicTech.Drivers.Mavlink;
using StrategicTech.Drivers.Mavlink.Dialects.Common;
using StrategicTech.Drivers.Mavlink.Dialects.Minimal;
using StrategicTech.TestSupport;

namespace StrategicTech.Drivers.Mavlink.Tests.Mavlink;

/// <summary>Bad bytes never crash the parser, and every intact frame among them is recovered.</summary>
public sealed class RobustnessTests
{
    [Property(MaxTest = 200)]
    public void Random_bytes_in_random_chunks_never_throw(byte[] bytes, int chunkSeed)
    {
        var parser = new MavlinkParser(CommonDialect.Instance);
        var frames = ParseAll.Frames(parser, bytes ?? [], new Random(chunkSeed));
        Assert.Equal(parser.Stats.Frames, frames.Count);
    }

    [Fact]
    public void Megabytes_of_noise_with_magic_bytes_never_throw_and_buffer_stays_bounded()
    {
        var random = new Random(7);
        var noise = new byte[2_000_000];
        random.NextBytes(noise);
        for (int i = 0; i < noise.Length; i += 1 + random.Next(40))
        {
            noise[i] = random.Next(2) == 0 ? MavlinkConstants.MagicV2 : MavlinkConstants.MagicV1;
        }

        var parser = new MavlinkParser(CommonDialect.Instance) { UnknownMessages = UnknownMessageHandling.Skip };
        var frames = ParseAll.Frames(parser, noise, random);
        Assert.True(parser.BufferedBytes == 0);
        Assert.True(parser.Stats.BadCrc + parser.Stats.LengthErrors > 1000, $"false starts judged: {parser.Stats.BadCrc}");
        // A random candidate passes a 16-bit CRC about once in 65 536: a handful at most.
        Assert.True(frames.Count < 10, $"{frames.Count} frames accepted from noise");
    }

    [SharedDataTheory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(6)]
    [InlineData(7)]
    [InlineData(8)]
    public void Every_intact_frame_in_a_mutated_stream_is_recovered(int seed)
    {
        var random = new Random(seed);
        var frames = StreamFrames.First(3000);
        var stream = new List<byte>();
        var intact = new List<byte[]>();
        int mutated = 0;
        foreach (byte[] original in frames)
        {
            if (random.NextDouble() < 0.1)
            {
                stream.AddRange(Garbage(random));
            }

            byte[] frame = (byte[])original.Clone();
            if (random.NextDouble() < 0.15)
            {
                mutated++;
                switch (random.Next(4))
                {
                    case 0:
                        int at = random.Next(frame.Length);
                        frame[at] ^= (byte)(1 << random.Next(8));
                        break;
                    case 1:
                        frame = frame[..random.Next(1, frame.Length)];
                        break;
                    case 2:
                        byte lie;
                        do
                        {
                            lie = (byte)random.Next(256);
                        }
                        while (lie == frame[1]);
                        frame[1] = lie;
                        break;
                    default:
                        int cut = random.Next(1, frame.Length);
                        frame = [.. frame[..cut], .. Garbage(random), .. frame[cut..]];
                        break;
                }
            }
            else
            {
                intact.Add(frame);
            }

            stream.AddRange(frame);
        }

        var parser = new MavlinkParser(CommonDialect.Instance) { UnknownMessages = UnknownMessageHandling.Skip };
        var recovered = ParseAll.Frames(parser, stream.ToArray(), random);

        Assert.True(mutated > 300, $"only {mutated} mutations");
        int next = 0;
        foreach (byte[] frame in recovered)
        {
            if (next < intact.Count && frame.AsSpan().SequenceEqual(intact[next]))
            {
                next++;
            }
        }

        Assert.Equal(intact.Count, next);
        Assert.Equal(parser.Stats.Frames, recovered.Count);
        Assert.True(recovered.Count - intact.Count <= 2, $"{recovered.Count - intact.Count} extra frames accepted");
        Assert.True(parser.Stats.BadCrc + parser.Stats.LengthErrors > 0);
        Assert.True(parser.Stats.SequenceDrops >= mutated - 2, $"drops {parser.Stats.SequenceDrops}, mutated {mutated}");
    }

    [SharedDataFact]
    public void Any_chunking_yields_the_same_frames_as_one_buffer()
    {
        byte[] data = StreamFrames.First(4000).SelectMany(f => f).ToArray();
        var whole = ParseAll.Frames(new MavlinkParser(CommonDialect.Instance), data);
        for (int seed = 0; seed < 5; seed++)
        {
            var parser = new MavlinkParser(CommonDialect.Instance);
            var chunked = ParseAll.Frames(parser, data, new Random(seed));
            Assert.Equal(whole.Count, chunked.Count);
            Assert.True(whole.Zip(chunked).All(p => p.First.AsSpan().SequenceEqual(p.Second)));
            Assert.Equal(0, parser.Stats.Errors);
            Assert.Equal(0, parser.Stats.GarbageBytes);
        }

        var oneByte = new MavlinkParser(CommonDialect.Instance);
        int frames = 0;
        foreach (byte b in data.AsSpan(0, 20_000))
        {
            ReadOnlySpan<byte> single = [b];
            while (oneByte.TryRead(ref single, out _))
            {
                frames++;
            }
        }

        Assert.Equal(ParseAll.Frames(new MavlinkParser(CommonDialect.Instance), data.AsSpan(0, 20_000), flush: false).Count, frames);
        Assert.Equal(oneByte.Stats.Frames, frames);
        Assert.Equal(0, oneByte.Stats.Errors);
    }

    [Fact]
    public void Counters_name_each_fault_exactly()
    {
        var writer = new MavlinkFrameWriter(1, 1);
        byte[] Frame(uint customMode)
        {
            var buffer = new byte[64];
            int n = writer.WriteV2(new Heartbeat { CustomMode = customMode, Type = MavType.Quadrotor, MavlinkVersion = 3 }, buffer);
            return buffer[..n];
        }

        byte[] a = Frame(1), b = Frame(2), c = Frame(3), d = Frame(4), e = Frame(5), f = Frame(6);
        b[^1] ^= 0x55;                                   // bad CRC
        d[2] = 0x04;                                     // unknown incompat flag
        byte[] unknown = [0xFD, 3, 0, 0, 9, 1, 1, 0xEF, 0xCD, 0xAB, 1, 2, 3, 0x11, 0x22]; // id 0xABCDEF
        var v1 = new byte[32];
        int v1Length = MavlinkFrameWriter.EncodeV1(new Heartbeat { Type = MavType.FixedWing }, v1, 10, 1, 1);
        v1 = v1[..v1Length];
        v1[1] = 10;                                      // HEARTBEAT is 9 bytes in v1: a lying length
        byte[] noise = [0x41, 0x42, 0x43];
        foreach (byte[] x in new[] { a, b, c, d, e, f, v1 })
        {
            Assert.True(x.AsSpan(1).IndexOfAny(MavlinkConstants.MagicV1, MavlinkConstants.MagicV2) < 0, "test frames must hold no magic bytes");
        }

        byte[] stream = [.. a, .. b, .. c, .. noise, .. d, .. unknown, .. e, .. v1, .. f];

        var parser = new MavlinkParser(MinimalDialect.Instance);
        var frames = new List<(byte[] Raw, bool Known)>();
        ReadOnlySpan<byte> input = stream;
        while (parser.TryRead(ref input, out MavlinkFrame frame))
        {
            frames.Add((frame.Raw.ToArray(), frame.IsKnown));
        }

        Assert.Equal([a, c, unknown, e, f], frames.Select(x => x.Raw).ToList());
        Assert.False(frames[2].Known);
        MavlinkParserStats s = parser.Stats;
        Assert.Equal(5, s.Frames);
        Assert.Equal(1, s.BadCrc);
        Assert.Equal(1, s.UnsupportedFlags);
        Assert.Equal(1, s.UnknownIds);
        Assert.Equal(1, s.LengthErrors);
        Assert.Equal(b.Length + noise.Length + d.Length + v1.Length, s.GarbageBytes);
        // Accepted sequence numbers 0, 2, 9, 4, 5: gaps of 1, 6, 250 (wrapping past 255) and 0.
        Assert.Equal(1 + 6 + 250 + 0, s.SequenceDrops);
    }

    [Fact]
    public void A_frame_of_an_unknown_id_is_delivered_raw_and_its_bytes_kept_for_forwarding()
    {
        byte[] unknown = [0xFD, 2, 0, 0, 0, 7, 9, 0x01, 0x00, 0x02, 0xAA, 0xBB, 0x12, 0x34];
        var parser = new MavlinkParser(CommonDialect.Instance);
        var frames = ParseAll.Frames(parser, unknown);
        Assert.Single(frames);
        Assert.Equal(unknown, frames[0]);
        Assert.Equal(1, parser.Stats.UnknownIds);

        var skipping = new MavlinkParser(CommonDialect.Instance) { UnknownMessages = UnknownMessageHandling.Skip };
        Assert.Empty(ParseAll.Frames(skipping, unknown));
        Assert.Equal(1, skipping.Stats.UnknownIds);
    }

    [SharedDataFact]
    public void Multi_segment_sequences_parse_like_one_span()
    {
        byte[] data = StreamFrames.All.AsSpan(0, 50_000).ToArray();
        var expected = ParseAll.Frames(new MavlinkParser(CommonDialect.Instance), data);
        var sequence = SegmentedSequence.Create(data, new Random(3));
        var parser = new MavlinkParser(CommonDialect.Instance);
        var frames = new List<byte[]>();
        while (parser.TryRead(ref sequence, out MavlinkFrame frame))
        {
            frames.Add(frame.Raw.ToArray());
        }

        Assert.Equal(expected.Count, frames.Count);
        Assert.True(expected.Zip(frames).All(p => p.First.AsSpan().SequenceEqual(p.Second)));
    }

    private static byte[] Garbage(Random random)
    {
        var bytes = new byte[random.Next(1, 60)];
        random.NextBytes(bytes);
        for (int i = 0; i < bytes.Length; i += 1 + random.Next(10))
        {
            bytes[i] = random.Next(2) == 0 ? MavlinkConstants.MagicV2 : MavlinkConstants.MagicV1;
        }

        return bytes;
    }
}
