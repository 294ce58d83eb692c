using StrategicTech.Autopilot.Comms;
using StrategicTech.Autopilot.Flight;
using StrategicTech.Drivers.Mavlink.Dialects.Common;
using StrategicTech.Navigation.Geodesy;
using StrategicTech.Navigation.Estimation.Uav;
using StrategicTech.Navigation.Numerics;

namespace StrategicTech.Autopilot.Vehicles;

/// <summary>
/// Fills <see cref="VehicleTelemetry"/> from a <see cref="Vehicle"/> as a flight controller would: attitude,
/// position and velocity from the EKF estimate, the GNSS receiver's latest solution, the battery monitor's
/// estimate, the collective thrust as throttle, and the land detector. Geodetic position is the EKF's local
/// position placed on its GNSS origin. No allocation.
/// </summary>
public sealed class VehicleTelemetrySource(Vehicle vehicle) : IVehicleTelemetrySource
{
    private const MavSysStatusSensor Sensors = MavSysStatusSensor.Sensor3dGyro | MavSysStatusSensor.Sensor3dAccel | MavSysStatusSensor.Sensor3dMag
        | MavSysStatusSensor.AbsolutePressure | MavSysStatusSensor.Gps | MavSysStatusSensor.AngularRateControl
        | MavSysStatusSensor.AttitudeStabilization | MavSysStatusSensor.YawPosition | MavSysStatusSensor.ZAltitudeControl
        | MavSysStatusSensor.XyPositionControl | MavSysStatusSensor.MotorOutputs | MavSysStatusSensor.MavSysStatusAhrs
        | MavSysStatusSensor.Battery | MavSysStatusSensor.MavSysStatusPrearmCheck;

    private readonly Vehicle _vehicle = vehicle ?? throw new ArgumentNullException(nameof(vehicle));
    private LocalNedFrame _frame;
    private bool _hasFrame;

    public void Fill(long timeUs, ref VehicleTelemetry t)
    {
        Vehicle v = _vehicle;
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

        ref readonly GnssSample gnss = ref v.LatestGnss;
        t.GnssFixType = gnss.FixType switch
        {
            3 => GpsFixType.Type3dFix,
            2 => GpsFixType.Type2dFix,
            1 => GpsFixType.NoFix,
            _ => GpsFixType.NoGps,
        };
        t.GnssSatellites = gnss.Satellites;
        t.GnssEphM = gnss.HorizontalAccuracyM;
        t.GnssEpvM = gnss.VerticalAccuracyM;
        t.GnssLatitudeDeg = gnss.Position.LatitudeDeg;
        t.GnssLongitudeDeg = gnss.Position.LongitudeDeg;
        t.GnssAltitudeAmslM = gnss.Position.HeightM;
        double vn = gnss.VelocityNedMps.X;
        double ve = gnss.VelocityNedMps.Y;
        t.GnssGroundSpeedMps = Math.Sqrt((vn * vn) + (ve * ve));
        t.GnssCourseRad = t.GnssGroundSpeedMps > 0.2 ? Math.Atan2(ve, vn) : double.NaN;

        BatteryEstimator battery = v.Battery;
        t.BatteryVoltageV = battery.VoltageV;
        t.BatteryCurrentA = battery.CurrentA;
        t.BatteryRemainingFraction = battery.RemainingFraction;
        t.BatteryConsumedMah = battery.ConsumedMah;
        t.Throttle = v.Navigator.Armed ? Math.Clamp(v.Cascade.ThrustAttitudeSetpoint.CollectiveThrust, 0, 1) : 0;

        // PREARM_CHECK healthy is what QGroundControl shows as "Ready To Fly" (PX4 sets it when arming checks pass).
        MavSysStatusSensor healthy = Sensors;
        if (gnss.FixType != 3)
        {
            healthy &= ~MavSysStatusSensor.Gps;
        }

        // The failsafe conditions clear the health bit of what they judge (QGroundControl shows them red).
        uint failsafes = status.ActiveFailsafes;
        if ((failsafes & Bits(FailsafeKind.BatteryLow, FailsafeKind.BatteryCritical, FailsafeKind.BatteryEmergency)) != 0)
        {
            healthy &= ~MavSysStatusSensor.Battery;
        }

        if ((failsafes & Bits(FailsafeKind.PositionLost, FailsafeKind.EstimatorFailure, FailsafeKind.None)) != 0)
        {
            healthy &= ~MavSysStatusSensor.MavSysStatusAhrs;
        }

        if ((failsafes & Bits(FailsafeKind.MotorFailure, FailsafeKind.Crash, FailsafeKind.HardImpact)) != 0)
        {
            healthy &= ~MavSysStatusSensor.MotorOutputs;
        }

        if ((failsafes & Bits(FailsafeKind.PositionLost, FailsafeKind.None, FailsafeKind.None)) != 0)
        {
            healthy &= ~MavSysStatusSensor.Gps;
        }

        if (v.Commander.Failsafes.ArmingBlocker != FailsafeKind.None)
        {
            healthy &= ~MavSysStatusSensor.MavSysStatusPrearmCheck;
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

        UavEkf ekf = v.Ekf;
        t.EstimatorFlags = ekf.Flags;
        t.GnssVelocityTestRatio = ekf.Gnss.VelocityTestRatio;
        t.GnssPositionTestRatio = ekf.Gnss.PositionTestRatio;
        t.BaroTestRatio = ekf.Baro.TestRatio;
        t.MagTestRatio = Math.Max(ekf.MagHeading.TestRatio, ekf.Mag3Axis.TestRatio);
        double varN = ekf.Core.Variance(UavErrorIndex.Position), varE = ekf.Core.Variance(UavErrorIndex.Position + 1);
        t.PositionHorizontalAccuracyM = Math.Sqrt(Math.Max(0, varN + varE));
        t.PositionVerticalAccuracyM = Math.Sqrt(Math.Max(0, ekf.Core.Variance(UavErrorIndex.Position + 2)));
        t.PositionVarianceNedM2 = new Vector3(varN, varE, ekf.Core.Variance(UavErrorIndex.Position + 2));
        t.AttitudeVarianceRad2 = new Vector3(ekf.Core.Variance(UavErrorIndex.Attitude), ekf.Core.Variance(UavErrorIndex.Attitude + 1), ekf.Core.Variance(UavErrorIndex.Attitude + 2));
        t.VelocityVarianceBodyM2ps2 = BodyVelocityVariance(ekf.Core.Covariance, t.AttitudeNed);
        VibrationMonitor vibration = v.Vibration;
        t.VibrationSumSquaresMps2Sq = vibration.SumSquaresMps2Sq;
        t.VibrationSampleCount = vibration.SampleCount;
        t.AccelerometerClipCount = vibration.ClipCount;
        ReadOnlySpan<double> motors = v.MotorOutputs;
        t.MotorCount = Math.Min(motors.Length, 8);
        for (int i = 0; i < t.MotorCount; i++)
        {
            t.MotorOutputs[i] = motors[i];
        }
    }

    /// <summary>Diagonal of Rᵀ·P_v·R: the EKF's NED velocity covariance seen in body FRD (ODOMETRY's child frame).</summary>
    private static Vector3 BodyVelocityVariance(ReadOnlySpan<double> p, Quaternion attitudeNed)
    {
        const int v = UavErrorIndex.Velocity, stride = UavFilterCore.Stride;
        var pv = new Matrix3(
            p[(v * stride) + v], p[(v * stride) + v + 1], p[(v * stride) + v + 2],
            p[((v + 1) * stride) + v], p[((v + 1) * stride) + v + 1], p[((v + 1) * stride) + v + 2],
            p[((v + 2) * stride) + v], p[((v + 2) * stride) + v + 1], p[((v + 2) * stride) + v + 2]);
        Matrix3 r = attitudeNed.ToRotationMatrix();
        Matrix3 body = r.Transpose() * pv * r;
        return new Vector3(Math.Max(0, body.M11), Math.Max(0, body.M22), Math.Max(0, body.M33));
    }

    private static uint Bits(FailsafeKind a, FailsafeKind b, FailsafeKind c) =>
        (a == FailsafeKind.None ? 0 : 1u << (int)a) | (b == FailsafeKind.None ? 0 : 1u << (int)b) | (c == FailsafeKind.None ? 0 : 1u << (int)c);
}
