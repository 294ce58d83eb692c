using StrategicTech.Autopilot.Control.Detection;
using StrategicTech.Autopilot.Flight;
using StrategicTech.Drivers.Mavlink.Dialects.Common;
using StrategicTech.Navigation.Numerics;

namespace StrategicTech.Autopilot.Comms;

/// <summary>
/// One snapshot of what the vehicle reports over MAVLink, in SI units and our frames (NED, body FRD, degrees for
/// geodetic angles, metres, radians). The host (hardware or SITL) fills it each telemetry tick through
/// <see cref="IVehicleTelemetrySource"/>; the endpoint scales it to the wire (degE7, mm, cdeg, cm/s…). A plain
/// mutable struct so it is filled in place without allocating.
/// </summary>
public struct VehicleTelemetry
{
    /// <summary>Time of the snapshot on the vehicle clock (µs since boot).</summary>
    public long TimeUs;

    /// <summary>Attitude, body FRD → NED (Hamilton, scalar first).</summary>
    public Quaternion AttitudeNed;
    public Vector3 BodyRateRadps;

    public bool LocalPositionValid;
    public Vector3 PositionNedM;
    public Vector3 VelocityNedMps;

    public bool GlobalPositionValid;
    public double LatitudeDeg;
    public double LongitudeDeg;
    public double AltitudeAmslM;

    /// <summary>Altitude above home (m, up positive).</summary>
    public double RelativeAltitudeM;

    public bool HomeValid;
    public double HomeLatitudeDeg;
    public double HomeLongitudeDeg;
    public double HomeAltitudeAmslM;

    /// <summary>Home in the local NED frame of <see cref="PositionNedM"/>.</summary>
    public Vector3 HomeNedM;

    public GpsFixType GnssFixType;
    public int GnssSatellites;
    public double GnssEphM;
    public double GnssEpvM;
    public double GnssLatitudeDeg;
    public double GnssLongitudeDeg;
    public double GnssAltitudeAmslM;
    public double GnssGroundSpeedMps;

    /// <summary>Course over ground (rad, 0 = north, clockwise); NaN when unknown.</summary>
    public double GnssCourseRad;

    public double BatteryVoltageV;
    public double BatteryCurrentA;

    /// <summary>Remaining charge 0–1; NaN when unknown.</summary>
    public double BatteryRemainingFraction;
    public double BatteryConsumedMah;

    /// <summary>Collective throttle 0–1.</summary>
    public double Throttle;

    public MavSysStatusSensor SensorsPresent;
    public MavSysStatusSensor SensorsEnabled;
    public MavSysStatusSensor SensorsHealthy;

    public LandState LandState;

    /// <summary>Loop load 0–1 (SYS_STATUS load).</summary>
    public double Load;

    /// <summary>Estimator health and aiding flags (ESTIMATOR_STATUS).</summary>
    public StrategicTech.Navigation.Estimation.Uav.UavEkfFlags EstimatorFlags;

    /// <summary>Latest innovation test ratios (1 = at the gate): GNSS velocity, GNSS horizontal position, baro height, magnetometer.</summary>
    public double GnssVelocityTestRatio;
    public double GnssPositionTestRatio;
    public double BaroTestRatio;
    public double MagTestRatio;

    /// <summary>1-σ position accuracy from the EKF covariance (m).</summary>
    public double PositionHorizontalAccuracyM;
    public double PositionVerticalAccuracyM;

    /// <summary>Motor outputs 0–1 (the first <see cref="MotorCount"/> are used; SERVO_OUTPUT_RAW).</summary>
    public StrategicTech.Drivers.Mavlink.InlineArray8<double> MotorOutputs;
    public int MotorCount;

    /// <summary>Cumulative sum of squared high-passed acceleration per body axis ((m/s²)², VIBRATION; see VibrationMonitor).</summary>
    public Vector3 VibrationSumSquaresMps2Sq;
    public long VibrationSampleCount;

    /// <summary>Cumulative count of clipped accelerometer samples.</summary>
    public long AccelerometerClipCount;

    /// <summary>EKF variances (ODOMETRY): position NED (m²), attitude error about N, E, D (rad²), velocity in body FRD (m²/s²).</summary>
    public Vector3 PositionVarianceNedM2;
    public Vector3 AttitudeVarianceRad2;
    public Vector3 VelocityVarianceBodyM2ps2;
}
