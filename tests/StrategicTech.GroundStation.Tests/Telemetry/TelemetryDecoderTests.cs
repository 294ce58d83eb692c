using StrategicTech.Drivers.Mavlink;
using StrategicTech.Drivers.Mavlink.Dialects.Common;
using StrategicTech.Drivers.Mavlink.Dialects.Minimal;
using StrategicTech.Drivers.Mavlink.Dialects.Standard;
using StrategicTech.GroundStation.Telemetry;

namespace StrategicTech.GroundStation.Tests.Telemetry;

/// <summary>Real encoded frames through the driver's parser and dispatcher into samples: units and unknown-value markers.</summary>
public class TelemetryDecoderTests
{
    private sealed class Collect : ITelemetrySink
    {
        public List<TelemetrySample> Samples { get; } = [];

        public void Accept(in TelemetrySample sample) => Samples.Add(sample);
    }

    private static List<TelemetrySample> Decode<T>(in T message, byte systemId = 1)
        where T : struct, IMavlinkMessage<T>
    {
        var sink = new Collect();
        var dispatcher = new MavlinkMessageDispatcher();
        _ = new TelemetryDecoder(dispatcher, sink);
        var buffer = new byte[280];
        int length = new MavlinkFrameWriter(systemId, 1).WriteV2(message, buffer);
        var parser = new MavlinkParser(CommonDialect.Instance);
        ReadOnlySpan<byte> bytes = buffer.AsSpan(0, length);
        Assert.True(parser.TryRead(ref bytes, out MavlinkFrame frame) || parser.TryFlush(out frame));
        dispatcher.Dispatch(frame, 123);
        return sink.Samples;
    }

    [Fact]
    public void Global_position_int_becomes_degrees_metres_and_metres_per_second()
    {
        TelemetrySample s = Assert.Single(Decode(new GlobalPositionInt { Lat = 473_977_420, Lon = 85_455_940, Alt = 488_250, RelativeAlt = 10_500, Vx = 150, Vy = -200, Vz = -50, Hdg = 27_000 }, 3));
        Assert.Equal((TelemetryKind.GlobalPosition, (byte)3, 123L), (s.Kind, s.SystemId, s.TimeUs));
        Assert.Equal(47.397742, s.A, 9);
        Assert.Equal(8.545594, s.B, 9);
        Assert.Equal(488.25, s.C, 9);
        Assert.Equal(10.5, s.D, 9);
        Assert.Equal((1.5, -2.0), (s.E, s.F));
        Assert.Equal((-50L, 27_000L), (s.I0, s.I1));
    }

    [Fact]
    public void Sys_status_unknown_markers_become_nan_and_known_values_volts_amps_fraction()
    {
        TelemetrySample unknown = Assert.Single(Decode(new SysStatus { VoltageBattery = ushort.MaxValue, CurrentBattery = -1, BatteryRemaining = -1 }));
        Assert.True(double.IsNaN(unknown.A) && double.IsNaN(unknown.B) && double.IsNaN(unknown.C));

        TelemetrySample known = Assert.Single(Decode(new SysStatus { VoltageBattery = 15_870, CurrentBattery = 1_250, BatteryRemaining = 64 }));
        Assert.Equal((15.87, 12.5, 0.64), (known.A, known.B, known.C));
    }

    [Fact]
    public void Ground_station_heartbeats_are_not_vehicles_but_autopilot_heartbeats_are()
    {
        Assert.Empty(Decode(new Heartbeat { Type = MavType.Gcs, Autopilot = MavAutopilot.Invalid }, 255));
        TelemetrySample s = Assert.Single(Decode(new Heartbeat { Type = MavType.Quadrotor, Autopilot = MavAutopilot.Px4, BaseMode = MavModeFlag.SafetyArmed | MavModeFlag.CustomModeEnabled, CustomMode = 4u << 16, SystemStatus = MavState.Active }));
        Assert.Equal(TelemetryKind.Heartbeat, s.Kind);
        Assert.Equal((long)(4u << 16), s.I0);
        Assert.Equal(0x81L, s.I1);
        Assert.Equal(2 | (12 << 8) | (4 << 16), s.I2);
    }

    [Fact]
    public void Statustext_keeps_severity_and_text_and_mission_items_from_a_ground_station_go_to_their_target()
    {
        var text = new Statustext { Severity = MavSeverity.Warning };
        "Arming denied: no GPS"u8.CopyTo(text.Text);
        TelemetrySample s = Assert.Single(Decode(text));
        Assert.Equal((4L, "Arming denied: no GPS"), (s.I0, s.Text));

        TelemetrySample item = Assert.Single(Decode(new MissionItemInt { TargetSystem = 2, Seq = 3, Command = MavCmd.NavWaypoint, X = 473_980_000, Y = 85_460_000, Z = 20, MissionType = MavMissionType.Mission }, 255));
        Assert.Equal((TelemetryKind.MissionItem, (byte)2, 3L, 16L), (item.Kind, item.SystemId, item.I0, item.I1));
        Assert.Equal(47.398, item.A, 9);
        Assert.Empty(Decode(new MissionItemInt { TargetSystem = 2, MissionType = MavMissionType.Fence }, 255));
    }
}
