using System.Text;
using FsCheck;
using FsCheck.Xunit;
using StrategicTech.Drivers.Sensors.Common;
using StrategicTech.Drivers.Sensors.Crsf;
using StrategicTech.Drivers.Sensors.Tests.Support;
using StrategicTech.TestSupport;

namespace StrategicTech.Drivers.Sensors.Tests.Crsf;

public sealed class CrsfParserTests
{
    /// <summary>Test-side encoder: address, length (type + payload + crc), type, payload, CRC-8/DVB-S2.</summary>
    private static byte[] Frame(byte type, ReadOnlySpan<byte> payload, byte address = 0xC8)
    {
        var f = new byte[payload.Length + 4];
        f[0] = address;
        f[1] = (byte)(payload.Length + 2);
        f[2] = type;
        payload.CopyTo(f.AsSpan(3));
        byte crc = 0;
        for (int i = 2; i < f.Length - 1; i++)
        {
            crc ^= f[i];
            for (int bit = 0; bit < 8; bit++)
            {
                crc = (crc & 0x80) != 0 ? (byte)((crc << 1) ^ 0xD5) : (byte)(crc << 1);
            }
        }

        f[^1] = crc;
        return f;
    }

    private static byte[] Channels(ushort[] raw)
    {
        var payload = new byte[22];
        Bits11.Pack(raw, payload);
        return Frame(0x16, payload);
    }

    private static ushort[] RandomRaw(int seed)
    {
        var random = new Random(seed);
        var raw = new ushort[16];
        for (int i = 0; i < 16; i++)
        {
            raw[i] = (ushort)random.Next(172, 1812);
        }

        return raw;
    }

    [Fact]
    public void Crc8_dvb_s2_check_value_of_123456789_is_0xbc()
    {
        Assert.Equal(0xBC, Crc8DvbS2.Compute(Encoding.ASCII.GetBytes("123456789")));
    }

    [Property(MaxTest = 300)]
    public void Rc_channels_round_trip_through_the_encoder(int seed)
    {
        ushort[] raw = RandomRaw(seed);
        var p = new CrsfParser();
        Assert.Equal(1, p.Feed(Channels(raw), 9));
        Assert.True(p.TryReadInput(out RcInput input));
        Assert.Equal(9, input.TimeUs);
        for (int i = 0; i < 16; i++)
        {
            Assert.Equal(RcInput.RawToMicroseconds(raw[i]), input.ChannelsUs[i]);
        }
    }

    [Fact]
    public void Link_statistics_decode_rssi_quality_and_snr()
    {
        var p = new CrsfParser();
        p.Feed(Frame(0x14, [70, 72, 100, 0xF6, 1, 2, 3, 80, 99, 5]), 4);
        Assert.True(p.TryReadLinkStatistics(out CrsfLinkStatistics link));
        Assert.Equal(70, link.UplinkRssiAnt1Dbm);
        Assert.Equal(100, link.UplinkLinkQualityPercent);
        Assert.Equal(-10, link.UplinkSnrDb);
        Assert.Equal(99, link.DownlinkLinkQualityPercent);
        Assert.False(p.TryReadInput(out _));
    }

    [Fact]
    public void Bad_crc_and_impossible_length_are_counted_and_skipped()
    {
        byte[] good = Channels(RandomRaw(1));
        byte[] bad = (byte[])good.Clone();
        bad[10] ^= 0x01;
        var p = new CrsfParser();
        p.Feed([.. bad, 0xC8, 0x7F, .. good], 0);

        Assert.Equal(1, p.CrcErrors);
        Assert.Equal(1, p.LengthErrors);
        Assert.Equal(1, p.Frames);
    }

    [Fact]
    public void Unknown_frame_types_are_counted_as_other()
    {
        var p = new CrsfParser();
        p.Feed(Frame(0x08, [1, 2, 3, 4]), 0); // battery sensor
        Assert.Equal(1, p.OtherFrames);
    }

    [Property(MaxTest = 100)]
    public void Any_chunking_yields_the_same_frames(int seed)
    {
        var stream = new List<byte>();
        for (int i = 0; i < 10; i++)
        {
            stream.AddRange(Channels(RandomRaw(seed + i)));
        }

        byte[] bytes = [.. stream];
        var chunked = new CrsfParser();
        int frames = 0;
        Chunks.Feed(bytes, seed, c => frames += chunked.Feed(c.Span, 0));
        Assert.Equal(10, frames);
        Assert.True(chunked.TryReadInput(out RcInput last));
        Assert.Equal(RcInput.RawToMicroseconds(RandomRaw(seed + 9)[15]), last.ChannelsUs[15]);
    }

    [Property(MaxTest = 200)]
    public void Random_bytes_never_throw(byte[] bytes)
    {
        var p = new CrsfParser();
        p.Feed(bytes ?? [], 0);
        Assert.True(p.Frames <= (bytes?.Length ?? 0) / 4);
    }

    [Fact]
    public void Channel_frame_decode_allocates_nothing()
    {
        byte[] frame = Channels(RandomRaw(3));
        var p = new CrsfParser();
        Allocations.AssertZero(() =>
        {
            p.Feed(frame, 0);
            p.TryReadInput(out _);
        });
    }
}
