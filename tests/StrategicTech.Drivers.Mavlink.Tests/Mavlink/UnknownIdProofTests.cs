using System.Buffers.Binary;
using StrategicTech.Drivers.Mavlink;
using StrategicTech.Drivers.Mavlink.Dialects.Ardupilotmega;
using StrategicTech.Drivers.Mavlink.Dialects.Common;
using StrategicTech.Drivers.Mavlink.Dialects.Minimal;

namespace StrategicTech.Drivers.Mavlink.Tests.Mavlink;

/// <summary>
/// Issue 17 items 2 and 3: a frame of an unknown id (whose CRC proves nothing) is delivered only when what follows
/// checks out and no intact frame hides inside it, so damaged headers and noise do not become frames that swallow
/// real ones, in a raw stream or in a tlog.
/// </summary>
public sealed class UnknownIdProofTests
{
    [Theory]
    [InlineData(1e-4, 1)]
    [InlineData(1e-4, 2)]
    [InlineData(1e-3, 3)]
    [InlineData(1e-3, 4)]
    public void No_intact_frame_is_lost_when_the_C_library_stream_is_corrupted(double byteErrorRate, int seed)
    {
        List<byte[]> frames = StreamFrames.First(100_000);
        var random = new Random(seed);
        var stream = new List<byte>(StreamFrames.All.Length);
        var intact = new List<byte[]>(frames.Count);
        int damaged = 0;
        foreach (byte[] original in frames)
        {
            byte[] frame = Corrupt(original, byteErrorRate, random, out bool changed);
            damaged += changed ? 1 : 0;
            if (!changed)
            {
                intact.Add(frame);
            }

            stream.AddRange(frame);
        }

        var parser = new MavlinkParser(CommonDialect.Instance);
        List<byte[]> parsed = ParseAll.Frames(parser, stream.ToArray(), new Random(seed));
        int lost = intact.Count - MatchedInOrder(parsed, intact);

        // Damage: about 52 bytes per frame x rate (measured 513-533 frames at 1e-4, 5 084-5 103 at 1e-3).
        Assert.InRange(damaged, byteErrorRate < 5e-4 ? 400 : 4500, byteErrorRate < 5e-4 ? 700 : 5700);
        Assert.Equal(0, lost);
    }

    [Fact]
    public void Sixteen_MiB_of_random_noise_yield_no_frame()
    {
        var noise = new byte[16 << 20];
        new Random(17).NextBytes(noise);
        foreach (MavlinkDialect dialect in new MavlinkDialect[] { CommonDialect.Instance, ArdupilotmegaDialect.Instance, MinimalDialect.Instance })
        {
            var parser = new MavlinkParser(dialect);
            List<byte[]> frames = ParseAll.Frames(parser, noise, new Random(1));
            Assert.Empty(frames);
            Assert.Equal(0, parser.Stats.UnknownIds);
        }
    }

    [Fact]
    public void An_unknown_id_frame_is_delivered_between_intact_frames_but_not_when_it_would_swallow_one()
    {
        var writer = new MavlinkFrameWriter(1, 1);
        byte[] Beat(uint mode)
        {
            var buffer = new byte[64];
            return buffer[..writer.WriteV2(new Heartbeat { CustomMode = mode, Type = MavType.Quadrotor, MavlinkVersion = 3 }, buffer)];
        }

        byte[] a = Beat(1), b = Beat(2), c = Beat(3);
        byte[] unknown = [0xFD, 3, 0, 0, 9, 1, 1, 0xEF, 0xCD, 0xAB, 1, 2, 3, 0x11, 0x22];
        var parser = new MavlinkParser(MinimalDialect.Instance);
        Assert.Equal([a, unknown, b], ParseAll.Frames(parser, [.. a, .. unknown, .. b]));

        // Its length byte damaged so that it runs exactly over b and ends where c starts: the old one-byte rule
        // delivered it (and b was lost); b starts inside it with a good CRC, so it is refused.
        byte[] liar = (byte[])unknown.Clone();
        liar[1] = (byte)(3 + b.Length);
        var strict = new MavlinkParser(MinimalDialect.Instance);
        Assert.Equal([a, b, c], ParseAll.Frames(strict, [.. a, .. liar, .. b, .. c]));
        Assert.Equal(0, strict.Stats.UnknownIds);

        // Followed by bytes that are not a frame: not delivered.
        var noisy = new MavlinkParser(MinimalDialect.Instance);
        Assert.Equal([a], ParseAll.Frames(noisy, [.. a, .. unknown, 0xFD, 0x33, 0x44, 0x55, 0x66, 0x77, 0x01, 0x02, 0x03, 0x04, 0x05]));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void No_intact_tlog_record_is_lost_when_the_log_is_corrupted_at_1e_3(int seed)
    {
        // A tlog of the first 20 000 C-library frames (MAVLink 2, so a damaged id is usually unknown), 20 ms apart.
        List<byte[]> frames = StreamFrames.First(20_000);
        var random = new Random(seed);
        var log = new List<byte>();
        var intact = new List<byte[]>();
        int damaged = 0;
        long timeUs = 1_700_000_000_000_000;
        foreach (byte[] frame in frames)
        {
            var record = new byte[8 + frame.Length];
            BinaryPrimitives.WriteInt64BigEndian(record, timeUs);
            frame.CopyTo(record, 8);
            timeUs += 20_000;
            byte[] written = Corrupt(record, 1e-3, random, out bool changed);
            damaged += changed ? 1 : 0;
            if (!changed)
            {
                intact.Add(written[8..]);
            }

            log.AddRange(written);
        }

        var reader = new MavlinkTlogReader(new MavlinkParser(CommonDialect.Instance));
        var read = new List<byte[]>();
        ReadOnlySpan<byte> input = log.ToArray();
        while (reader.TryRead(ref input, out _, out MavlinkFrame frame))
        {
            read.Add(frame.Raw.ToArray());
        }

        // About 60 bytes per record x 1e-3: measured 1 124-1 196 damaged records of 20 000.
        Assert.InRange(damaged, 900, 1450);
        Assert.Equal(0, intact.Count - MatchedInOrder(read, intact));
    }

    /// <summary>Replaces each byte with probability <paramref name="rate"/> by a different value.</summary>
    internal static byte[] Corrupt(byte[] original, double rate, Random random, out bool changed)
    {
        byte[] copy = (byte[])original.Clone();
        changed = false;
        for (int i = 0; i < copy.Length; i++)
        {
            if (random.NextDouble() < rate)
            {
                copy[i] ^= (byte)(1 + random.Next(255));
                changed = true;
            }
        }

        return copy;
    }

    /// <summary>How many of <paramref name="expected"/> appear in <paramref name="actual"/> in order.</summary>
    internal static int MatchedInOrder(List<byte[]> actual, List<byte[]> expected)
    {
        int next = 0;
        foreach (byte[] frame in actual)
        {
            if (next < expected.Count && frame.AsSpan().SequenceEqual(expected[next]))
            {
                next++;
            }
        }

        return next;
    }
}
