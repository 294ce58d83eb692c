using StrategicTech.Autopilot.Comms;
using StrategicTech.Autopilot.Flight;
using StrategicTech.Drivers.Mavlink.Dialects.Common;
using StrategicTech.Navigation.Geodesy;
using StrategicTech.Navigation.Numerics;
using StrategicTech.Sim.Lockstep;
using StrategicTech.Sim.SensorModels.Samples;

namespace StrategicTech.Sim.Mavlink;

/// <summary>
/// Fills <see cref="VehicleTelemetry"/> from a <see cref="SitlVehicle"/> as a flight controller would: attitude,
/// position and velocity from the EKF estimate (never truth), the GNSS receiver's latest solution, the physics'
/// battery, the collective thrust as throttle, and the land detector. Geodetic position is the EKF's local
/// position placed on its GNSS origin. No allocation.
/// </summary>
public sealed class SitlTelemetrySource(SitlVehicle vehicle) : IVehicleTelemetrySource
{
    private const MavSysStatusSensor Sensors = MavSysStatusSensor.Sensor3dGyro | MavSysStatusSensor.Sensor3dAccel | MavSysStatusSensor.Sensor3dMag
        | MavSysStatusSensor.AbsolutePressure | MavSysStatusSensor.Gps | MavSysStatusSensor.AngularRateControl
        | MavSysStatusSensor.AttitudeStabilization | MavSysStatusSensor.YawPosition | MavSysStatusSensor.ZAltitudeControl
        | MavSysStatusSensor.XyPositionControl | MavSysStatusSensor.MotorOutputs | MavSysStatusSensor.MavSysStatusAhrs
        | MavSysStatusSensor.Battery | MavSysStatusSensor.MavSysStatusPrearmCheck;

    private readonly SitlVehicle _vehicle = vehicle ?? throw new ArgumentNullException(nameof(vehicle));
    private LocalNedFrame _frame;
    private bool _hasFrame;

    public void Fill(long timeUs, ref VehicleTelemetry t)
    {
        SitlVehicle v = _vehicle;
        t.TimeUs = timeUs;
        t.AttitudeNed = v.Estimate.AttitudeNed;
        t.BodyRateRadps = v.Estimate.BodyRateRadps;
        t.PositionNedM = v.Estimate.PositionNedM;
        t.VelocityNedMps = v.Estimate.VelocityNedMps;

        if (!_hasFrame && v.Ekf.Gnss.HasOrigin)
        {
            _frame = new LocalNedFrame(v.Ekf.Gnss.Origin);
            _hasFrame = true;
        }

        // Home is taken at arming; before that PX4 shows the first good position, here the EKF origin.
        VehicleStatus status = v.Commands.Status;
        t.LocalPositionValid = _hasFrame;
        t.GlobalPositionValid = _hasFrame;
        t.HomeValid = status.HomeSet || _hasFrame;
        Vector3 homeNedM = status.HomeSet ? status.HomeNedM : Vector3.Zero;
        t.HomeNedM = homeNedM;
        if (_hasFrame)
        {
            GeodeticPosition position = _frame.FromNed(t.PositionNedM);
            t.LatitudeDeg = position.LatitudeDeg;
            t.LongitudeDeg = position.LongitudeDeg;
            t.AltitudeAmslM = position.HeightM;
            t.RelativeAltitudeM = homeNedM.Z - t.PositionNedM.Z;
            GeodeticPosition home = status.HomeSet ? status.HomeGeodetic : _frame.Origin;
            t.HomeLatitudeDeg = home.LatitudeDeg;
            t.HomeLongitudeDeg = home.LongitudeDeg;
            t.HomeAltitudeAmslM = home.HeightM;
        }

        ref readonly GnssSample gnss = ref v.Sensors.LatestGnss;
        t.GnssFixType = gnss.FixType switch
        {
            GnssFixType.Fix3D => GpsFixType.Type3dFix,
            GnssFixType.Fix2D => GpsFixType.Type2dFix,
            GnssFixType.NoFix => GpsFixType.NoFix,
            _ => GpsFixType.NoGps,
        };
        t.GnssSatellites = gnss.Satellites;
        t.GnssEphM = gnss.EphM;
        t.GnssEpvM = gnss.EpvM;
        t.GnssLatitudeDeg = gnss.LatitudeDeg;
        t.GnssLongitudeDeg = gnss.LongitudeDeg;
        t.GnssAltitudeAmslM = gnss.AltitudeM;
        double vn = gnss.VelocityNedMps.X;
        double ve = gnss.VelocityNedMps.Y;
        t.GnssGroundSpeedMps = Math.Sqrt((vn * vn) + (ve * ve));
        t.GnssCourseRad = t.GnssGroundSpeedMps > 0.2 ? Math.Atan2(ve, vn) : double.NaN;

        ref readonly Physics.VehicleTruth truth = ref v.Truth;
        t.BatteryVoltageV = truth.BatteryVoltageV;
        t.BatteryCurrentA = truth.BatteryCurrentA;
        t.BatteryRemainingFraction = truth.BatteryRemainingFraction;
        t.BatteryConsumedMah = truth.BatteryConsumedMah;
        t.Throttle = v.Flight.Armed ? Math.Clamp(v.Cascade.ThrustAttitudeSetpoint.CollectiveThrust, 0, 1) : 0;

        // PREARM_CHECK healthy is what QGroundControl shows as "Ready To Fly" (PX4 sets it when arming checks pass).
        MavSysStatusSensor healthy = Sensors;
        if (gnss.FixType != GnssFixType.Fix3D)
        {
            healthy &= ~MavSysStatusSensor.Gps;
        }

        if (!v.ReadyToArm && !status.Armed)
        {
            healthy &= ~MavSysStatusSensor.MavSysStatusPrearmCheck;
        }

        t.SensorsPresent = Sensors;
        t.SensorsEnabled = Sensors;
        t.SensorsHealthy = healthy;
        t.LandState = status.LandState;
        t.Load = 0;
    }
}
