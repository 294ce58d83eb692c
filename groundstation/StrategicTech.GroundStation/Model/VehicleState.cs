using System.Globalization;

namespace StrategicTech.GroundStation.Model;

/// <summary>What the ground station knows about one vehicle (one MAVLink system id), updated on the render thread only.</summary>
public sealed class VehicleState(byte systemId)
{
    public byte SystemId { get; } = systemId;

    public int MavType { get; internal set; }

    public int Autopilot { get; internal set; }

    public uint CustomMode { get; internal set; }

    public bool Armed { get; internal set; }

    public int SystemStatus { get; internal set; }

    /// <summary>Time of the last HEARTBEAT, µs (link time).</summary>
    public long LastHeartbeatUs { get; internal set; }

    /// <summary>Heartbeats received (a link quality hint with <see cref="LinkLost"/>).</summary>
    public long Heartbeats { get; internal set; }

    public bool LinkLost { get; internal set; }

    /// <summary>Times the link was lost and came back.</summary>
    public int LinkRecoveries { get; internal set; }

    public double RollRad { get; internal set; }

    public double PitchRad { get; internal set; }

    public double YawRad { get; internal set; }

    public bool HasAttitude { get; internal set; }

    public double LatDeg { get; internal set; } = double.NaN;

    public double LonDeg { get; internal set; } = double.NaN;

    public double AltitudeAmslM { get; internal set; } = double.NaN;

    public double AltitudeAboveHomeM { get; internal set; } = double.NaN;

    public double AirspeedMps { get; internal set; } = double.NaN;

    public double GroundSpeedMps { get; internal set; } = double.NaN;

    public double ClimbMps { get; internal set; } = double.NaN;

    public double HeadingDeg { get; internal set; } = double.NaN;

    public double ThrottlePercent { get; internal set; } = double.NaN;

    public int GpsFixType { get; internal set; }

    public int Satellites { get; internal set; } = -1;

    public double EphM { get; internal set; } = double.NaN;

    public double BatteryVoltageV { get; internal set; } = double.NaN;

    public double BatteryCurrentA { get; internal set; } = double.NaN;

    /// <summary>Remaining charge 0..1 (NaN when the vehicle does not say).</summary>
    public double BatteryRemaining { get; internal set; } = double.NaN;

    public double HomeLatDeg { get; internal set; } = double.NaN;

    public double HomeLonDeg { get; internal set; } = double.NaN;

    public double HomeAltitudeAmslM { get; internal set; } = double.NaN;

    public bool HasHome => double.IsFinite(HomeLatDeg);

    public bool HasPosition => double.IsFinite(LatDeg) && double.IsFinite(LonDeg);

    public int MissionCurrentSeq { get; internal set; } = -1;

    public int MissionTotal { get; internal set; } = -1;

    public TrackBuffer Track { get; } = new();

    /// <summary>Mission items seen on the link (download by any ground station, or upload to the vehicle), by seq.</summary>
    public SortedList<int, MissionItemView> Mission { get; } = [];

    /// <summary>The geofence this ground station last uploaded to or downloaded from the vehicle (empty until then).</summary>
    public Navigation.Missions.Geofence Fence { get; internal set; } = Navigation.Missions.Geofence.Empty;

    /// <summary>The rally points this ground station last uploaded to or downloaded from the vehicle (none until then).</summary>
    public IReadOnlyList<Navigation.Missions.RallyPoint> RallyPoints { get; internal set; } = [];

    public string ModeName => FlightModeNames.Describe(Autopilot, MavType, CustomMode);

    public string TypeName => MavType switch
    {
        1 => "PLANE",
        2 => "QUAD",
        4 => "HELI",
        10 => "ROVER",
        13 => "HEXA",
        14 => "OCTO",
        >= 19 and <= 22 => "VTOL",
        _ => "TYPE " + MavType.ToString(CultureInfo.InvariantCulture),
    };

    /// <summary>Altitude above home: the vehicle's relative altitude, else AMSL minus home.</summary>
    public double HeightAboveHomeM => double.IsFinite(AltitudeAboveHomeM) ? AltitudeAboveHomeM : AltitudeAmslM - HomeAltitudeAmslM;
}
