using StrategicTech.GroundStation.Telemetry;

namespace StrategicTech.GroundStation.Model;

/// <summary>
/// Every vehicle heard so far, by system id, plus the STATUSTEXT log; fed samples on the render thread
/// (<see cref="Apply"/>) and aged by <see cref="Update"/>. A vehicle appears with its first HEARTBEAT; other
/// messages from unknown systems are ignored. A link is lost after <see cref="LinkTimeoutUs"/> without a heartbeat
/// (2 s: a 1 Hz heartbeat misses one beat and the loss shows within 3 s of the last one) and recovers with the next.
/// </summary>
public sealed class Fleet
{
    public const long DefaultLinkTimeoutUs = 2_000_000;
    public const int StatusLogCapacity = 200;

    private readonly SortedList<byte, VehicleState> _vehicles = [];
    private readonly List<StatusLine> _log = new(StatusLogCapacity);
    private long _lastStatusTextId;

    public long LinkTimeoutUs { get; init; } = DefaultLinkTimeoutUs;

    public IList<VehicleState> Vehicles => _vehicles.Values;

    /// <summary>The vehicle the views show (the first one heard until the pilot picks another).</summary>
    public VehicleState? Selected { get; private set; }

    /// <summary>Newest last; at most <see cref="StatusLogCapacity"/> lines.</summary>
    public IReadOnlyList<StatusLine> StatusLog => _log;

    /// <summary>Samples applied (for tests and the inspector line).</summary>
    public long Applied { get; private set; }

    public void Select(byte systemId)
    {
        if (_vehicles.TryGetValue(systemId, out VehicleState? v))
        {
            Selected = v;
        }
    }

    public VehicleState? Find(byte systemId) => _vehicles.GetValueOrDefault(systemId);

    /// <summary>Forgets every vehicle and status line (a replay seeking backwards plays the log again from its start).</summary>
    public void Clear()
    {
        _vehicles.Clear();
        _log.Clear();
        Selected = null;
        Applied = 0;
    }

    /// <summary>Marks vehicles whose heartbeat stopped as lost.</summary>
    public void Update(long nowUs)
    {
        for (int i = 0; i < _vehicles.Count; i++)
        {
            VehicleState v = _vehicles.Values[i];
            if (!v.LinkLost && nowUs - v.LastHeartbeatUs > LinkTimeoutUs)
            {
                v.LinkLost = true;
            }
        }
    }

    /// <summary>
    /// Applies everything the link thread queued (the frame's first step, before Update and drawing, so a sample that
    /// arrived before a frame is shown in that frame). Returns how many samples were applied.
    /// </summary>
    public int ApplyAll(TelemetryQueue queue)
    {
        ArgumentNullException.ThrowIfNull(queue);
        int n = 0;
        while (queue.TryTake(out TelemetrySample sample))
        {
            Apply(sample);
            n++;
        }

        return n;
    }

    public void Apply(in TelemetrySample s)
    {
        Applied++;
        if (s.Kind == TelemetryKind.Heartbeat)
        {
            ApplyHeartbeat(s);
            return;
        }

        if (!_vehicles.TryGetValue(s.SystemId, out VehicleState? v))
        {
            return;
        }

        switch (s.Kind)
        {
            case TelemetryKind.SysStatus:
                SetBattery(v, s.A, s.B, s.C);
                break;
            case TelemetryKind.Battery:
                if (s.I0 == 0)
                {
                    SetBattery(v, s.A, s.B, s.C);
                }

                break;
            case TelemetryKind.Attitude:
                v.RollRad = s.A;
                v.PitchRad = s.B;
                v.YawRad = s.C;
                v.HasAttitude = true;
                break;
            case TelemetryKind.GlobalPosition:
                ApplyPosition(v, s);
                break;
            case TelemetryKind.VfrHud:
                v.AirspeedMps = s.A;
                v.GroundSpeedMps = s.B;
                v.ClimbMps = s.D;
                v.HeadingDeg = s.I0;
                v.ThrottlePercent = s.I1;
                if (!double.IsFinite(v.AltitudeAmslM))
                {
                    v.AltitudeAmslM = s.C;
                }

                break;
            case TelemetryKind.GpsRaw:
                v.GpsFixType = (int)s.I0;
                v.Satellites = s.I1 == 255 ? -1 : (int)s.I1;
                v.EphM = s.C;
                break;
            case TelemetryKind.StatusText:
                // A text longer than 50 bytes comes as chunks sharing a non-zero id: later chunks extend the line.
                if (s.I1 != 0 && s.I2 > 0 && _log.Count > 0 && _log[^1].SystemId == s.SystemId && _lastStatusTextId == s.I1)
                {
                    _log[^1] = _log[^1] with { Text = _log[^1].Text + s.Text };
                }
                else
                {
                    AddStatus(new StatusLine(s.TimeUs, s.SystemId, (int)s.I0, s.Text ?? string.Empty));
                }

                _lastStatusTextId = s.I1;
                break;
            case TelemetryKind.MissionCurrent:
                v.MissionCurrentSeq = (int)s.I0;
                if (s.I1 >= 0)
                {
                    v.MissionTotal = (int)s.I1;
                }

                break;
            case TelemetryKind.Home:
                v.HomeLatDeg = s.A;
                v.HomeLonDeg = s.B;
                v.HomeAltitudeAmslM = s.C;
                break;
            case TelemetryKind.MissionCount:
                v.Mission.Clear();
                v.MissionTotal = (int)s.I0;
                break;
            case TelemetryKind.MissionItem:
                ApplyMissionItem(v, s);
                break;
            default:
                break;
        }
    }

    private void ApplyHeartbeat(in TelemetrySample s)
    {
        if (!_vehicles.TryGetValue(s.SystemId, out VehicleState? v))
        {
            v = new VehicleState(s.SystemId);
            _vehicles.Add(s.SystemId, v);
            Selected ??= v;
        }

        v.CustomMode = (uint)s.I0;
        v.Armed = (s.I1 & 0x80) != 0; // MAV_MODE_FLAG_SAFETY_ARMED
        v.MavType = (int)(s.I2 & 0xFF);
        v.Autopilot = (int)((s.I2 >> 8) & 0xFF);
        v.SystemStatus = (int)((s.I2 >> 16) & 0xFF);
        v.LastHeartbeatUs = s.TimeUs;
        v.Heartbeats++;
        if (v.LinkLost)
        {
            v.LinkLost = false;
            v.LinkRecoveries++;
        }
    }

    private static void SetBattery(VehicleState v, double voltageV, double currentA, double remaining)
    {
        if (double.IsFinite(voltageV))
        {
            v.BatteryVoltageV = voltageV;
        }

        if (double.IsFinite(currentA))
        {
            v.BatteryCurrentA = currentA;
        }

        if (double.IsFinite(remaining))
        {
            v.BatteryRemaining = remaining;
        }
    }

    private static void ApplyPosition(VehicleState v, in TelemetrySample s)
    {
        // (0, 0) is what autopilots send before they have a position.
        if (s.A == 0 && s.B == 0)
        {
            return;
        }

        v.LatDeg = s.A;
        v.LonDeg = s.B;
        v.AltitudeAmslM = s.C;
        v.AltitudeAboveHomeM = s.D;
        if (s.I1 != ushort.MaxValue)
        {
            v.HeadingDeg = s.I1 / 100.0;
        }

        // Without VFR_HUD (its airspeed stays NaN) the speeds come from the position message.
        if (!double.IsFinite(v.AirspeedMps))
        {
            v.GroundSpeedMps = Math.Sqrt((s.E * s.E) + (s.F * s.F));
            v.ClimbMps = -s.I0 / 100.0;
        }

        v.Track.Add(s.A, s.B);
    }

    private static void ApplyMissionItem(VehicleState v, in TelemetrySample s)
    {
        // MAV_CMD 16 waypoint, 17-19 loiters, 21 land, 22 takeoff, 82 spline, 84/85 VTOL takeoff/land carry a position.
        int command = (int)s.I1;
        bool hasPosition = command is 16 or 17 or 18 or 19 or 21 or 22 or 31 or 82 or 84 or 85 && (s.A != 0 || s.B != 0);
        v.Mission[(int)s.I0] = new MissionItemView((int)s.I0, command, s.A, s.B, s.C, hasPosition);
    }

    private void AddStatus(StatusLine line)
    {
        if (_log.Count == StatusLogCapacity)
        {
            _log.RemoveAt(0);
        }

        _log.Add(line);
    }
}
