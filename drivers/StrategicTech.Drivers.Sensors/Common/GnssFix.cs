using StrategicTech.Navigation.Numerics;

namespace StrategicTech.Drivers.Sensors.Common;

/// <summary>GNSS fix quality (u-blox fixType numbering; NMEA GGA/GSA values map onto it).</summary>
public enum GnssFixType : byte
{
    NoFix = 0,
    DeadReckoningOnly = 1,
    Fix2D = 2,
    Fix3D = 3,
    GnssDeadReckoning = 4,
    TimeOnly = 5,
}

/// <summary>
/// One navigation solution in SI units. Fields a source does not provide are flagged rather than set to
/// sentinels: <see cref="HasVelocity"/> (NMEA RMC/VTG give only ground speed and course) and
/// <see cref="HasAccuracy"/> (NMEA gives DOPs, not accuracies).
/// </summary>
public readonly record struct GnssFix
{
    /// <summary>Receive time on the injected clock, microseconds.</summary>
    public long TimeUs { get; init; }
    public GnssFixType FixType { get; init; }
    /// <summary>The receiver's own "fix OK" judgement (UBX flags.gnssFixOK; NMEA GGA quality > 0 and RMC status A).</summary>
    public bool FixOk { get; init; }
    public int SatellitesUsed { get; init; }
    public double LatitudeDeg { get; init; }
    public double LongitudeDeg { get; init; }
    public double HeightMslM { get; init; }
    public double HeightEllipsoidM { get; init; }
    public bool HasAccuracy { get; init; }
    public double HorizontalAccuracyM { get; init; }
    public double VerticalAccuracyM { get; init; }
    public double SpeedAccuracyMps { get; init; }
    public bool HasVelocity { get; init; }
    public Vector3 VelocityNedMps { get; init; }
    public double GroundSpeedMps { get; init; }
    /// <summary>Course over ground (heading of motion), radians clockwise from true north.</summary>
    public double CourseRad { get; init; }
    public double PositionDop { get; init; }
    /// <summary>UTC of the solution (valid when <see cref="HasUtc"/>), as ticks-free fields to stay allocation-free.</summary>
    public bool HasUtc { get; init; }
    public int Year { get; init; }
    public int Month { get; init; }
    public int Day { get; init; }
    public int Hour { get; init; }
    public int Minute { get; init; }
    public double Second { get; init; }
}
