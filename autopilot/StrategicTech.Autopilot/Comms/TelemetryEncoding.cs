using StrategicTech.Autopilot.Control.Detection;
using StrategicTech.Autopilot.Flight;
using StrategicTech.Drivers.Mavlink.Dialects.Common;
using StrategicTech.Drivers.Mavlink.Dialects.Standard;
using StrategicTech.Navigation.Estimation.Uav;
using StrategicTech.Navigation.Numerics;

namespace StrategicTech.Autopilot.Comms;

/// <summary>
/// <see cref="VehicleTelemetry"/> → MAVLink telemetry messages with the wire scales of common.xml (degE7, mm,
/// cm/s, cdeg, mV, cA, %). Unknown values use the spec's "unknown" markers (UINT16_MAX, −1). Pure functions on
/// structs: no allocation.
/// </summary>
public static class TelemetryEncoding
{
    private const double RadToDeg = 180.0 / Math.PI;

    public static uint TimeBootMs(long timeUs) => (uint)(timeUs / 1000);

    public static Attitude Attitude(in VehicleTelemetry t)
    {
        Vector3 euler = t.AttitudeNed.ToEuler();
        return new Attitude
        {
            TimeBootMs = TimeBootMs(t.TimeUs),
            Roll = (float)euler.X,
            Pitch = (float)euler.Y,
            Yaw = (float)euler.Z,
            Rollspeed = (float)t.BodyRateRadps.X,
            Pitchspeed = (float)t.BodyRateRadps.Y,
            Yawspeed = (float)t.BodyRateRadps.Z,
        };
    }

    public static GlobalPositionInt GlobalPosition(in VehicleTelemetry t) => new()
    {
        TimeBootMs = TimeBootMs(t.TimeUs),
        Lat = DegE7(t.LatitudeDeg),
        Lon = DegE7(t.LongitudeDeg),
        Alt = Millimetres(t.AltitudeAmslM),
        RelativeAlt = Millimetres(t.RelativeAltitudeM),
        Vx = CentimetresPerSecond(t.VelocityNedMps.X),
        Vy = CentimetresPerSecond(t.VelocityNedMps.Y),
        Vz = CentimetresPerSecond(t.VelocityNedMps.Z),
        Hdg = HeadingCdeg(t.AttitudeNed.ToEuler().Z),
    };

    public static LocalPositionNed LocalPosition(in VehicleTelemetry t) => new()
    {
        TimeBootMs = TimeBootMs(t.TimeUs),
        X = (float)t.PositionNedM.X,
        Y = (float)t.PositionNedM.Y,
        Z = (float)t.PositionNedM.Z,
        Vx = (float)t.VelocityNedMps.X,
        Vy = (float)t.VelocityNedMps.Y,
        Vz = (float)t.VelocityNedMps.Z,
    };

    public static GpsRawInt GpsRaw(in VehicleTelemetry t) => new()
    {
        TimeUsec = (ulong)Math.Max(0, t.TimeUs),
        FixType = t.GnssFixType,
        Lat = DegE7(t.GnssLatitudeDeg),
        Lon = DegE7(t.GnssLongitudeDeg),
        Alt = Millimetres(t.GnssAltitudeAmslM),
        Eph = UnsignedHundredths(t.GnssEphM),
        Epv = UnsignedHundredths(t.GnssEpvM),
        Vel = UnsignedHundredths(t.GnssGroundSpeedMps),
        Cog = double.IsFinite(t.GnssCourseRad) ? HeadingCdeg(t.GnssCourseRad) : ushort.MaxValue,
        SatellitesVisible = (byte)Math.Clamp(t.GnssSatellites, 0, 254),
        AltEllipsoid = Millimetres(t.GnssAltitudeAmslM),
        HAcc = UnsignedMillimetres(t.GnssEphM),
        VAcc = UnsignedMillimetres(t.GnssEpvM),
    };

    public static VfrHud VfrHud(in VehicleTelemetry t)
    {
        double groundSpeedMps = Math.Sqrt((t.VelocityNedMps.X * t.VelocityNedMps.X) + (t.VelocityNedMps.Y * t.VelocityNedMps.Y));
        ushort headingCdeg = HeadingCdeg(t.AttitudeNed.ToEuler().Z);
        return new VfrHud
        {
            // No airspeed sensor on a multirotor: PX4 reports the ground speed as the best estimate there is.
            Airspeed = (float)groundSpeedMps,
            Groundspeed = (float)groundSpeedMps,
            Heading = headingCdeg == ushort.MaxValue ? (short)0 : (short)((headingCdeg + 50) / 100 % 360),
            Throttle = (ushort)Math.Clamp(Math.Round(t.Throttle * 100), 0, 100),
            Alt = (float)t.AltitudeAmslM,
            Climb = (float)-t.VelocityNedMps.Z,
        };
    }

    /// <summary>ESTIMATOR_STATUS from the EKF's flags, latest test ratios and covariance (no airspeed, no range ratio: 0).</summary>
    public static EstimatorStatus EstimatorStatus(in VehicleTelemetry t)
    {
        UavEkfFlags f = t.EstimatorFlags;
        EstimatorStatusFlags flags = 0;
        bool attitude = (f & (UavEkfFlags.TiltAligned | UavEkfFlags.YawAligned)) == (UavEkfFlags.TiltAligned | UavEkfFlags.YawAligned);
        bool gnss = (f & UavEkfFlags.GnssFusing) != 0;
        flags |= attitude ? EstimatorStatusFlags.EstimatorAttitude : 0;
        flags |= gnss ? EstimatorStatusFlags.EstimatorVelocityHoriz | EstimatorStatusFlags.EstimatorPosHorizRel | EstimatorStatusFlags.EstimatorPosHorizAbs
            | EstimatorStatusFlags.EstimatorPredPosHorizRel | EstimatorStatusFlags.EstimatorPredPosHorizAbs : 0;
        flags |= gnss || (f & UavEkfFlags.BaroFusing) != 0 ? EstimatorStatusFlags.EstimatorVelocityVert | EstimatorStatusFlags.EstimatorPosVertAbs : 0;
        flags |= (f & UavEkfFlags.RangeFusing) != 0 ? EstimatorStatusFlags.EstimatorPosVertAgl : 0;
        flags |= (f & UavEkfFlags.PositionHold) != 0 ? EstimatorStatusFlags.EstimatorConstPosMode : 0;
        return new EstimatorStatus
        {
            TimeUsec = (ulong)Math.Max(0, t.TimeUs),
            Flags = flags,
            VelRatio = (float)t.GnssVelocityTestRatio,
            PosHorizRatio = (float)t.GnssPositionTestRatio,
            PosVertRatio = (float)t.BaroTestRatio,
            MagRatio = (float)t.MagTestRatio,
            PosHorizAccuracy = (float)t.PositionHorizontalAccuracyM,
            PosVertAccuracy = (float)t.PositionVerticalAccuracyM,
        };
    }

    /// <summary>SERVO_OUTPUT_RAW port 0: motor i as 1000 µs + 1000 µs × its 0–1 command (PX4's PWM range), unused channels 0.</summary>
    public static ServoOutputRaw ServoOutputRaw(in VehicleTelemetry t)
    {
        Span<ushort> pwm = stackalloc ushort[8];
        for (int i = 0; i < pwm.Length; i++)
        {
            pwm[i] = i < t.MotorCount && double.IsFinite(t.MotorOutputs[i]) ? (ushort)Math.Round(1000 + (1000 * Math.Clamp(t.MotorOutputs[i], 0, 1))) : (ushort)0;
        }

        return new ServoOutputRaw
        {
            TimeUsec = (uint)(Math.Max(0, t.TimeUs) & uint.MaxValue),
            Port = 0,
            Servo1Raw = pwm[0],
            Servo2Raw = pwm[1],
            Servo3Raw = pwm[2],
            Servo4Raw = pwm[3],
            Servo5Raw = pwm[4],
            Servo6Raw = pwm[5],
            Servo7Raw = pwm[6],
            Servo8Raw = pwm[7],
        };
    }

    /// <summary>
    /// ODOMETRY as PX4 sends it: pose in MAV_FRAME_LOCAL_NED, velocity and body rates in MAV_FRAME_BODY_FRD, the
    /// covariances' diagonals from the EKF (position NED, attitude error about N/E/D as roll/pitch/yaw, velocity
    /// rotated into body), off-diagonal entries NaN (not reported).
    /// </summary>
    public static Odometry Odometry(in VehicleTelemetry t)
    {
        Vector3 velocityBodyMps = t.AttitudeNed.RotateInverse(t.VelocityNedMps);
        var m = new Odometry
        {
            TimeUsec = (ulong)Math.Max(0, t.TimeUs),
            FrameId = MavFrame.LocalNed,
            ChildFrameId = MavFrame.BodyFrd,
            X = (float)t.PositionNedM.X,
            Y = (float)t.PositionNedM.Y,
            Z = (float)t.PositionNedM.Z,
            Vx = (float)velocityBodyMps.X,
            Vy = (float)velocityBodyMps.Y,
            Vz = (float)velocityBodyMps.Z,
            Rollspeed = (float)t.BodyRateRadps.X,
            Pitchspeed = (float)t.BodyRateRadps.Y,
            Yawspeed = (float)t.BodyRateRadps.Z,
            EstimatorType = MavEstimatorType.Autopilot,
            Quality = -1, // PX4's "unknown": no quality metric from the EKF
        };
        m.Q[0] = (float)t.AttitudeNed.W;
        m.Q[1] = (float)t.AttitudeNed.X;
        m.Q[2] = (float)t.AttitudeNed.Y;
        m.Q[3] = (float)t.AttitudeNed.Z;
        for (int i = 0; i < 21; i++)
        {
            m.PoseCovariance[i] = float.NaN;
            m.VelocityCovariance[i] = float.NaN;
        }

        // Upper-right triangle of a 6×6 matrix, row-major: the diagonal sits at 0, 6, 11, 15, 18, 20.
        m.PoseCovariance[0] = (float)t.PositionVarianceNedM2.X;
        m.PoseCovariance[6] = (float)t.PositionVarianceNedM2.Y;
        m.PoseCovariance[11] = (float)t.PositionVarianceNedM2.Z;
        m.PoseCovariance[15] = (float)t.AttitudeVarianceRad2.X;
        m.PoseCovariance[18] = (float)t.AttitudeVarianceRad2.Y;
        m.PoseCovariance[20] = (float)t.AttitudeVarianceRad2.Z;
        m.VelocityCovariance[0] = (float)t.VelocityVarianceBodyM2ps2.X;
        m.VelocityCovariance[6] = (float)t.VelocityVarianceBodyM2ps2.Y;
        m.VelocityCovariance[11] = (float)t.VelocityVarianceBodyM2ps2.Z;
        return m;
    }

    public static SysStatus SysStatus(in VehicleTelemetry t) => new()
    {
        OnboardControlSensorsPresent = t.SensorsPresent,
        OnboardControlSensorsEnabled = t.SensorsEnabled,
        OnboardControlSensorsHealth = t.SensorsHealthy,
        Load = (ushort)Math.Clamp(Math.Round(t.Load * 1000), 0, 1000),
        VoltageBattery = double.IsFinite(t.BatteryVoltageV) ? (ushort)Math.Clamp(Math.Round(t.BatteryVoltageV * 1000), 0, ushort.MaxValue - 1) : ushort.MaxValue,
        CurrentBattery = double.IsFinite(t.BatteryCurrentA) ? (short)Math.Clamp(Math.Round(t.BatteryCurrentA * 100), 0, short.MaxValue) : (short)-1,
        BatteryRemaining = RemainingPercent(t.BatteryRemainingFraction),
    };

    public static BatteryStatus BatteryStatus(in VehicleTelemetry t)
    {
        var message = new BatteryStatus
        {
            Id = 0,
            BatteryFunction = MavBatteryFunction.All,
            Type = MavBatteryType.Lipo,
            Temperature = short.MaxValue,
            CurrentBattery = double.IsFinite(t.BatteryCurrentA) ? (short)Math.Clamp(Math.Round(t.BatteryCurrentA * 100), 0, short.MaxValue) : (short)-1,
            CurrentConsumed = double.IsFinite(t.BatteryConsumedMah) ? (int)Math.Round(t.BatteryConsumedMah) : -1,
            EnergyConsumed = -1,
            BatteryRemaining = RemainingPercent(t.BatteryRemainingFraction),
            ChargeState = MavBatteryChargeState.Ok,
        };

        // Cell voltages unknown: the total goes in cell 0 (split into cell 1 above 65.534 V), the rest UINT16_MAX.
        Span<ushort> cells = message.Voltages;
        cells.Fill(ushort.MaxValue);
        Span<ushort> extended = message.VoltagesExt;
        extended.Clear();
        double millivolts = double.IsFinite(t.BatteryVoltageV) ? Math.Max(0, Math.Round(t.BatteryVoltageV * 1000)) : ushort.MaxValue;
        if (millivolts > ushort.MaxValue - 1)
        {
            cells[0] = ushort.MaxValue - 1;
            cells[1] = (ushort)Math.Min(ushort.MaxValue - 1, millivolts - (ushort.MaxValue - 1));
        }
        else
        {
            cells[0] = (ushort)millivolts;
        }

        return message;
    }

    public static HomePosition HomePosition(in VehicleTelemetry t)
    {
        var message = new HomePosition
        {
            Latitude = DegE7(t.HomeLatitudeDeg),
            Longitude = DegE7(t.HomeLongitudeDeg),
            Altitude = Millimetres(t.HomeAltitudeAmslM),
            X = (float)t.HomeNedM.X,
            Y = (float)t.HomeNedM.Y,
            Z = (float)t.HomeNedM.Z,
            TimeUsec = (ulong)Math.Max(0, t.TimeUs),
        };
        Span<float> q = message.Q;
        q[0] = 1;
        q[1] = 0;
        q[2] = 0;
        q[3] = 0;
        return message;
    }

    /// <summary>MAV_LANDED_STATE as PX4 derives it: on ground only when the land detector says landed; landing/takeoff from the mode.</summary>
    public static MavLandedState LandedState(LandState landState, bool landing, bool takingOff) =>
        landState == LandState.Landed ? MavLandedState.OnGround
        : landing ? MavLandedState.Landing
        : takingOff ? MavLandedState.Takeoff
        : MavLandedState.InAir;

    public static int DegE7(double degrees) => double.IsFinite(degrees) ? (int)Math.Round(Math.Clamp(degrees, -180, 180) * 1e7) : 0;

    public static int Millimetres(double metres) => double.IsFinite(metres) ? (int)Math.Clamp(Math.Round(metres * 1000), int.MinValue, int.MaxValue) : 0;

    /// <summary>Heading 0–35999 cdeg (0 = north, clockwise) from a yaw or course in rad.</summary>
    public static ushort HeadingCdeg(double yawRad)
    {
        if (!double.IsFinite(yawRad))
        {
            return ushort.MaxValue;
        }

        double degrees = yawRad * RadToDeg % 360.0;
        if (degrees < 0)
        {
            degrees += 360.0;
        }

        int centi = (int)Math.Round(degrees * 100);
        return (ushort)(centi >= 36000 ? centi - 36000 : centi);
    }

    private static short CentimetresPerSecond(double mps) => double.IsFinite(mps) ? (short)Math.Clamp(Math.Round(mps * 100), short.MinValue, short.MaxValue) : (short)0;

    private static ushort UnsignedHundredths(double value) =>
        double.IsFinite(value) ? (ushort)Math.Clamp(Math.Round(value * 100), 0, ushort.MaxValue - 1) : ushort.MaxValue;

    private static uint UnsignedMillimetres(double metres) =>
        double.IsFinite(metres) ? (uint)Math.Clamp(Math.Round(metres * 1000), 0, uint.MaxValue) : 0;

    private static sbyte RemainingPercent(double fraction) =>
        double.IsFinite(fraction) ? (sbyte)Math.Clamp(Math.Round(fraction * 100), 0, 100) : (sbyte)-1;
}
