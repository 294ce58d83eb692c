using StrategicTech.Autopilot.Hal;
using StrategicTech.Autopilot.Hal.Adapters;
using StrategicTech.Drivers.Sensors.Common;
using StrategicTech.Drivers.Sensors.Sbus;
using StrategicTech.Navigation.Time;

namespace StrategicTech.Autopilot.Tests.Hal;

public sealed class SerialRcInputTests
{
    private static byte[] SbusFrame(int raw, bool lost = false, bool failsafe = false)
    {
        ushort[] channels = new ushort[16];
        Array.Fill(channels, (ushort)raw);
        channels[0] = 172;
        var frame = new byte[25];
        frame[0] = 0x0F;
        Bits11.Pack(channels, frame.AsSpan(1, 22));
        frame[23] = (byte)((lost ? 0x04 : 0) | (failsafe ? 0x08 : 0));
        return frame;
    }

    [Fact]
    public void Sbus_bytes_from_the_port_become_a_16_channel_sample_in_microseconds()
    {
        var ring = new ByteRing();
        var clock = new ManualClock();
        clock.AdvanceToUs(3_000);
        var rc = SerialRcInput.Sbus(new SbusParser(), ring, clock);
        ring.Write(SbusFrame(1811));

        Assert.True(rc.TryReadRc(out RcInputSample sample));
        Assert.Equal(3_000, sample.TimeUs);
        Assert.Equal(16, sample.ChannelCount);
        Assert.Equal(988, sample.ChannelUs(0)); // raw 172
        Assert.Equal(2012, sample.ChannelUs(15)); // raw 1811
        Assert.False(sample.Failsafe);
        Assert.False(rc.TryReadRc(out _));
    }

    [Fact]
    public void A_lost_frame_is_skipped_but_the_receiver_failsafe_is_passed_on()
    {
        var ring = new ByteRing();
        var rc = SerialRcInput.Sbus(new SbusParser(), ring, new ManualClock());

        ring.Write(SbusFrame(992, lost: true));
        Assert.False(rc.TryReadRc(out _));

        ring.Write(SbusFrame(992, lost: true, failsafe: true));
        Assert.True(rc.TryReadRc(out RcInputSample sample));
        Assert.True(sample.Failsafe);
    }
}
