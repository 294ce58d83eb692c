using StrategicTech.Drivers.Mavlink;
using StrategicTech.Drivers.Mavlink.Dialects.Common;
using StrategicTech.Drivers.Mavlink.Dialects.Minimal;
using StrategicTech.Drivers.Mavlink.Dialects.Standard;

namespace StrategicTech.GroundStation.Telemetry;

/// <summary>
/// Turns the MAVLink messages the fly view needs into <see cref="TelemetrySample"/>s in SI units, on the thread
/// that dispatches frames (the link's I/O thread live, the reader in replay). Field layout per kind:
/// <list type="bullet">
/// <item>Heartbeat: I0 custom_mode, I1 base_mode, I2 type | autopilot &lt;&lt; 8 | system_status &lt;&lt; 16.</item>
/// <item>SysStatus: A battery V, B current A (NaN unknown), C remaining 0..1 (NaN unknown), I0 comm drop rate (c%).</item>
/// <item>Attitude: A roll, B pitch, C yaw (rad).</item>
/// <item>GlobalPosition: A lat, B lon (deg), C AMSL m, D above home m, E north, F east velocity m/s, I0 down velocity cm/s, I1 heading cdeg (65535 unknown).</item>
/// <item>VfrHud: A airspeed, B ground speed m/s, C AMSL m, D climb m/s, I0 heading deg, I1 throttle %.</item>
/// <item>GpsRaw: A lat, B lon deg, C eph m (NaN unknown), I0 fix type, I1 satellites (255 unknown).</item>
/// <item>Battery: A voltage V (NaN unknown), B current A, C remaining 0..1, I0 battery id.</item>
/// <item>StatusText: I0 severity, I1 id (0: not chunked), I2 chunk_seq, Text.</item>
/// <item>MissionCurrent: I0 seq, I1 total (-1 unknown).</item>
/// <item>Home: A lat, B lon deg, C AMSL m.</item>
/// <item>MissionCount: I0 count (mission items only).</item>
/// <item>MissionItem: I0 seq, I1 command, A lat, B lon deg, C altitude m, I2 frame.</item>
/// </list>
/// </summary>
public sealed class TelemetryDecoder
{
    private readonly ITelemetrySink _sink;

    public TelemetryDecoder(MavlinkMessageDispatcher dispatcher, ITelemetrySink sink)
    {
        ArgumentNullException.ThrowIfNull(dispatcher);
        _sink = sink ?? throw new ArgumentNullException(nameof(sink));
        dispatcher.Subscribe<Heartbeat>(OnHeartbeat);
        dispatcher.Subscribe<SysStatus>(OnSysStatus);
        dispatcher.Subscribe<Attitude>(OnAttitude);
        dispatcher.Subscribe<GlobalPositionInt>(OnGlobalPosition);
        dispatcher.Subscribe<VfrHud>(OnVfrHud);
        dispatcher.Subscribe<GpsRawInt>(OnGpsRaw);
        dispatcher.Subscribe<BatteryStatus>(OnBattery);
        dispatcher.Subscribe<Statustext>(OnStatusText);
        dispatcher.Subscribe<MissionCurrent>(OnMissionCurrent);
        dispatcher.Subscribe<HomePosition>(OnHome);
        dispatcher.Subscribe<MissionCount>(OnMissionCount);
        dispatcher.Subscribe<MissionItemInt>(OnMissionItem);
    }

    private static TelemetrySample Start(TelemetryKind kind, in MavlinkFrameHeader header) =>
        new() { Kind = kind, SystemId = header.SystemId, TimeUs = header.ReceivedUs };

    // Ground stations and cameras also send heartbeats; only autopilots' components count as vehicles.
    private void OnHeartbeat(in Heartbeat m, in MavlinkFrameHeader h)
    {
        if (m.Autopilot == MavAutopilot.Invalid || m.Type is MavType.Gcs or MavType.OnboardController or MavType.Camera or MavType.Gimbal or MavType.Adsb)
        {
            return;
        }

        TelemetrySample s = Start(TelemetryKind.Heartbeat, h);
        s.I0 = m.CustomMode;
        s.I1 = (long)m.BaseMode;
        s.I2 = (long)m.Type | ((long)m.Autopilot << 8) | ((long)m.SystemStatus << 16);
        _sink.Accept(s);
    }

    private void OnSysStatus(in SysStatus m, in MavlinkFrameHeader h)
    {
        TelemetrySample s = Start(TelemetryKind.SysStatus, h);
        s.A = m.VoltageBattery == ushort.MaxValue ? double.NaN : m.VoltageBattery / 1000.0;
        s.B = m.CurrentBattery < 0 ? double.NaN : m.CurrentBattery / 100.0;
        s.C = m.BatteryRemaining < 0 ? double.NaN : m.BatteryRemaining / 100.0;
        s.I0 = m.DropRateComm;
        _sink.Accept(s);
    }

    private void OnAttitude(in Attitude m, in MavlinkFrameHeader h)
    {
        TelemetrySample s = Start(TelemetryKind.Attitude, h);
        s.A = m.Roll;
        s.B = m.Pitch;
        s.C = m.Yaw;
        _sink.Accept(s);
    }

    private void OnGlobalPosition(in GlobalPositionInt m, in MavlinkFrameHeader h)
    {
        TelemetrySample s = Start(TelemetryKind.GlobalPosition, h);
        s.A = m.Lat * 1e-7;
        s.B = m.Lon * 1e-7;
        s.C = m.Alt / 1000.0;
        s.D = m.RelativeAlt / 1000.0;
        s.E = m.Vx / 100.0;
        s.F = m.Vy / 100.0;
        s.I0 = m.Vz;
        s.I1 = m.Hdg;
        _sink.Accept(s);
    }

    private void OnVfrHud(in VfrHud m, in MavlinkFrameHeader h)
    {
        TelemetrySample s = Start(TelemetryKind.VfrHud, h);
        s.A = m.Airspeed;
        s.B = m.Groundspeed;
        s.C = m.Alt;
        s.D = m.Climb;
        s.I0 = m.Heading;
        s.I1 = m.Throttle;
        _sink.Accept(s);
    }

    private void OnGpsRaw(in GpsRawInt m, in MavlinkFrameHeader h)
    {
        TelemetrySample s = Start(TelemetryKind.GpsRaw, h);
        s.A = m.Lat * 1e-7;
        s.B = m.Lon * 1e-7;
        s.C = m.Eph == ushort.MaxValue ? double.NaN : m.Eph / 100.0;
        s.I0 = (long)m.FixType;
        s.I1 = m.SatellitesVisible;
        _sink.Accept(s);
    }

    private void OnBattery(in BatteryStatus m, in MavlinkFrameHeader h)
    {
        TelemetrySample s = Start(TelemetryKind.Battery, h);
        double sumV = 0;
        bool any = false;
        for (int i = 0; i < 10; i++)
        {
            ushort mv = m.Voltages[i];
            if (mv != ushort.MaxValue)
            {
                sumV += mv / 1000.0;
                any = true;
            }
        }

        s.A = any ? sumV : double.NaN;
        s.B = m.CurrentBattery < 0 ? double.NaN : m.CurrentBattery / 100.0;
        s.C = m.BatteryRemaining < 0 ? double.NaN : m.BatteryRemaining / 100.0;
        s.I0 = m.Id;
        _sink.Accept(s);
    }

    private void OnStatusText(in Statustext m, in MavlinkFrameHeader h)
    {
        TelemetrySample s = Start(TelemetryKind.StatusText, h);
        s.I0 = (long)m.Severity;
        s.I1 = m.Id;
        s.I2 = m.ChunkSeq;
        s.Text = m.TextText;
        _sink.Accept(s);
    }

    private void OnMissionCurrent(in MissionCurrent m, in MavlinkFrameHeader h)
    {
        TelemetrySample s = Start(TelemetryKind.MissionCurrent, h);
        s.I0 = m.Seq;
        s.I1 = m.Total == ushort.MaxValue ? -1 : m.Total;
        _sink.Accept(s);
    }

    private void OnHome(in HomePosition m, in MavlinkFrameHeader h)
    {
        TelemetrySample s = Start(TelemetryKind.Home, h);
        s.A = m.Latitude * 1e-7;
        s.B = m.Longitude * 1e-7;
        s.C = m.Altitude / 1000.0;
        _sink.Accept(s);
    }

    private void OnMissionCount(in MissionCount m, in MavlinkFrameHeader h)
    {
        if (m.MissionType != MavMissionType.Mission)
        {
            return;
        }

        // MISSION_COUNT travels towards whoever receives the mission; the vehicle is the other end.
        TelemetrySample s = Start(TelemetryKind.MissionCount, h);
        s.SystemId = h.SystemId >= 250 ? m.TargetSystem : h.SystemId;
        s.I0 = m.Count;
        _sink.Accept(s);
    }

    private void OnMissionItem(in MissionItemInt m, in MavlinkFrameHeader h)
    {
        if (m.MissionType != MavMissionType.Mission)
        {
            return;
        }

        TelemetrySample s = Start(TelemetryKind.MissionItem, h);
        s.SystemId = h.SystemId >= 250 ? m.TargetSystem : h.SystemId;
        s.I0 = m.Seq;
        s.I1 = (long)m.Command;
        s.A = m.X * 1e-7;
        s.B = m.Y * 1e-7;
        s.C = m.Z;
        s.I2 = (long)m.Frame;
        _sink.Accept(s);
    }
}
