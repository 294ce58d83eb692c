using StrategicTech.Drivers.Mavlink;
using StrategicTech.Drivers.Mavlink.Dialects.Common;
using StrategicTech.Drivers.Mavlink.Dialects.Minimal;
using StrategicTech.Drivers.Mavlink.Inspection;
using ClockUs = StrategicTech.Navigation.Time.ManualClock;

namespace StrategicTech.Drivers.Mavlink.Tests.Mavlink;

public sealed class LinkInspectorTests
{
    private static byte[] Frame<T>(MavlinkFrameWriter writer, T message)
        where T : struct, IMavlinkMessage<T>
    {
        var buffer = new byte[300];
        return buffer.AsSpan(0, writer.WriteV2(message, buffer)).ToArray();
    }

    [Fact]
    public void Counts_rates_drops_and_errors_per_system_and_component()
    {
        var clock = new ClockUs();
        var inspector = new LinkInspector(MavlinkDialects.All, clock);
        var vehicle = new MavlinkFrameWriter(1, 1);
        var camera = new MavlinkFrameWriter(1, 100);
        long bytes = 0;

        void Feed(byte[] frame)
        {
            inspector.Receive(frame, endsOnFrameBoundary: true);
            bytes += frame.Length;
        }

        // 2 s: vehicle ATTITUDE at 50 Hz and HEARTBEAT at 1 Hz, camera HEARTBEAT at 1 Hz.
        for (int tick = 0; tick < 100; tick++)
        {
            clock.AdvanceUs(20_000);
            Feed(Frame(vehicle, new Attitude { TimeBootMs = (uint)tick }));
            if (tick % 50 == 0)
            {
                Feed(Frame(vehicle, new Heartbeat { Type = MavType.Quadrotor }));
                Feed(Frame(camera, new Heartbeat { Type = MavType.Camera }));
            }
        }

        // The vehicle loses 3 frames on the way; one frame arrives corrupted.
        vehicle.NextSequence += 3;
        clock.AdvanceUs(20_000);
        Feed(Frame(vehicle, new Attitude()));
        byte[] corrupt = Frame(camera, new Heartbeat { Type = MavType.Camera });
        corrupt[12] ^= 0x40;
        Feed(corrupt);

        LinkSnapshot first = inspector.TakeSnapshot();
        Assert.Equal(2.02, first.ElapsedS, 9);
        Assert.Equal(bytes, first.Bytes);
        Assert.Equal(101 + 2 + 2, first.Frames);
        Assert.Equal(1, first.BadCrc);
        Assert.Equal(3, first.SequenceDrops);
        Assert.Equal(2, first.Components.Count);
        ComponentSnapshot v = first.Components[0];
        Assert.Equal((1, 1), (v.SystemId, v.ComponentId));
        Assert.Equal(3, v.SequenceDrops);
        MessageSnapshot attitude = v.Messages.Single(m => m.MessageId == Attitude.MsgId);
        Assert.Equal("ATTITUDE", attitude.Name);
        Assert.Equal(101, attitude.Count);
        Assert.Equal(50.0, attitude.MeanRateHz, 9);
        Assert.Equal(101 / 2.02, attitude.RateHz, 9);
        ComponentSnapshot c = first.Components[1];
        Assert.Equal((1, 100, 0L), (c.SystemId, c.ComponentId, c.SequenceDrops));
        Assert.Equal(2, Assert.Single(c.Messages).Count);

        // The live rate covers only the time since the previous snapshot.
        for (int tick = 0; tick < 10; tick++)
        {
            clock.AdvanceUs(100_000);
            Feed(Frame(vehicle, new Attitude()));
        }

        LinkSnapshot second = inspector.TakeSnapshot();
        MessageSnapshot later = second.Components[0].Messages.Single(m => m.MessageId == Attitude.MsgId);
        Assert.Equal(10.0, later.RateHz, 9);
        Assert.Equal(111, later.Count);
        Assert.Equal(0, second.Components[1].Messages[0].RateHz);
    }

    [Fact]
    public void Bad_signatures_and_unknown_ids_are_counted()
    {
        var clock = new ClockUs();
        var key = new MavlinkSigningKey(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray());
        var wrong = new MavlinkSigningKey(new byte[32]);
        var time = ManualClock.AtSigningTimestamp(1_000_000);
        var inspector = new LinkInspector(CommonDialect.Instance, clock, new MavlinkSignatureVerifier(key, MavlinkSigningPolicy.Accept, time));
        var good = new MavlinkFrameWriter(1, 1, new MavlinkSigner(key, 0, time));
        var forged = new MavlinkFrameWriter(2, 1, new MavlinkSigner(wrong, 0, time));

        inspector.Receive(Frame(good, new Heartbeat()), endsOnFrameBoundary: true);
        time.UnixTimeUs += 10;
        inspector.Receive(Frame(forged, new Heartbeat()), endsOnFrameBoundary: true);
        // An id outside the common dialect (ArduPilot's SIMSTATE, 164) is counted and still listed.
        byte[] simstate = Frame(new MavlinkFrameWriter(3, 1), new Dialects.Ardupilotmega.Simstate { Roll = 1 });
        inspector.Receive(simstate, endsOnFrameBoundary: true);

        LinkSnapshot snapshot = inspector.TakeSnapshot();
        Assert.Equal(1, snapshot.BadSignature);
        Assert.Equal(1, snapshot.UnknownIds);
        Assert.Equal([1, 3], snapshot.Components.Select(c => (int)c.SystemId));
        Assert.Equal("#164", snapshot.Components[1].Messages[0].Name);
    }
}
