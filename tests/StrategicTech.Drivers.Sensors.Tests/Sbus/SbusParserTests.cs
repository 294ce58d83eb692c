using FsCheck;
using FsCheck.Xunit;
using StrategicTech.Drivers.Sensors.Common;
using StrategicTech.Drivers.Sensors.Sbus;
using StrategicTech.Drivers.Sensors.Tests.Support;
using StrategicTech.TestSupport;

namespace StrategicTech.Drivers.Sensors.Tests.Sbus;

public sealed class SbusParserTests
{
    /// <summary>Test-side encoder: header, 16 × 11-bit channels, flags, footer.</summary>
    internal static byte[] Frame(ushort[] raw, bool lost = false, bool failsafe = false, byte footer = 0x00)
    {
        var f = new byte[25];
        f[0] = 0x0F;
        Bits11.Pack(raw, f.AsSpan(1, 22));
        f[23] = (byte)((lost ? 0x04 : 0) | (failsafe ? 0x08 : 0));
        f[24] = footer;
        return f;
    }

    private static ushort[] Channels(int seed)
    {
        var random = new Random(seed);
        var raw = new ushort[16];
        for (int i = 0; i < 16; i++)
        {
            raw[i] = (ushort)random.Next(2048);
        }

        return raw;
    }

    [Fact]
    public void Endpoints_172_992_1811_map_to_988_1500_2012_microseconds()
    {
        ushort[] raw = [172, 992, 1811, 0, 2047, 992, 992, 992, 992, 992, 992, 992, 992, 992, 992, 992];
        Assert.True(SbusParser.TryDecode(Frame(raw), 3, out RcInput input));
        Assert.Equal(988, input.ChannelsUs[0]);
        Assert.Equal(1500, input.ChannelsUs[1]);
        Assert.Equal(2012, input.ChannelsUs[2]); // 1500 + 819·5/8 = 2011.9
        Assert.Equal(16, input.ChannelCount);
        Assert.Equal(3, input.TimeUs);
    }

    [Property(MaxTest = 300)]
    public void Channels_and_flags_round_trip_through_the_encoder(int seed, bool lost, bool failsafe)
    {
        ushort[] raw = Channels(seed);
        var p = new SbusParser();
        Assert.Equal(1, p.Feed(Frame(raw, lost, failsafe), 0));
        Assert.True(p.TryReadInput(out RcInput input));
        for (int i = 0; i < 16; i++)
        {
            Assert.Equal(RcInput.RawToMicroseconds(raw[i]), input.ChannelsUs[i]);
        }

        Assert.Equal(lost, input.FrameLost);
        Assert.Equal(failsafe, input.Failsafe);
    }

    [Property(MaxTest = 100)]
    public void Any_chunking_of_a_stream_with_garbage_yields_the_same_frames(int seed)
    {
        var stream = new List<byte>();
        var random = new Random(seed);
        for (int i = 0; i < 20; i++)
        {
            if (random.Next(4) == 0)
            {
                var junk = new byte[random.Next(1, 30)];
                random.NextBytes(junk);
                stream.AddRange(junk);
            }

            stream.AddRange(Frame(Channels(seed + i)));
        }

        byte[] bytes = [.. stream];
        var whole = new SbusParser();
        whole.Feed(bytes, 0);
        var chunked = new SbusParser();
        Chunks.Feed(bytes, seed, c => chunked.Feed(c.Span, 0));

        Assert.Equal(whole.Frames, chunked.Frames);
        Assert.Equal(whole.FramingErrors, chunked.FramingErrors);
        Assert.True(whole.Frames >= 17, $"{whole.Frames} of 20 frames recovered"); // garbage can cost a frame, rarely more
    }

    [Fact]
    public void Garbage_before_frames_is_counted_and_every_frame_after_it_recovered()
    {
        byte[] junk = [0x0F, 0x12, 0x34, 0x0F, 0x99];
        var p = new SbusParser();
        p.Feed([.. junk, .. Frame(Channels(1)), .. Frame(Channels(2)), .. Frame(Channels(3))], 0);

        Assert.Equal(3, p.Frames);
        Assert.True(p.FramingErrors >= 1);
    }

    [Fact]
    public void Sbus2_telemetry_footers_are_accepted_and_a_bad_footer_is_a_framing_error()
    {
        var p = new SbusParser();
        p.Feed(Frame(Channels(1), footer: 0x14), 0);
        p.Feed(Frame(Channels(1), footer: 0x55), 0);
        Assert.Equal(1, p.Frames);
        Assert.Equal(1, p.FramingErrors);
    }

    [Fact]
    public void Lost_and_failsafe_frames_are_counted()
    {
        var p = new SbusParser();
        p.Feed([.. Frame(Channels(1), lost: true), .. Frame(Channels(1), failsafe: true), .. Frame(Channels(1))], 0);
        Assert.Equal(3, p.Frames);
        Assert.Equal(1, p.LostFrames);
        Assert.Equal(1, p.FailsafeFrames);
    }

    [Property(MaxTest = 200)]
    public void Random_bytes_never_throw(byte[] bytes)
    {
        var p = new SbusParser();
        p.Feed(bytes ?? [], 0);
        Assert.True(p.Frames <= (bytes?.Length ?? 0) / 25);
    }

    [Fact]
    public void Frame_decode_allocates_nothing()
    {
        byte[] frames = [.. Frame(Channels(1)), .. Frame(Channels(2))];
        var p = new SbusParser();
        Allocations.AssertZero(() =>
        {
            p.Feed(frames, 0);
            p.TryReadInput(out _);
        });
    }
}
