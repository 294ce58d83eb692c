using System.Globalization;
using StrategicTech.Autopilot.Calibration;
using StrategicTech.Autopilot.Control;
using StrategicTech.Autopilot.Control.Detection;
using StrategicTech.Autopilot.Flight;
using StrategicTech.Autopilot.Hal;
using StrategicTech.Autopilot.Parameters;
using StrategicTech.Autopilot.Runtime;
using StrategicTech.Navigation.Estimation.Uav;
using StrategicTech.Navigation.Numerics;
using StrategicTech.Navigation.Time;

namespace StrategicTech.Autopilot.Vehicles;

/// <summary>
/// One multirotor autopilot, composed from a <see cref="VehicleDescription"/> and bound to its sensors and motors
/// through <see cref="VehicleIo"/> (the <see cref="Hal"/> interfaces), on an injected clock. It does not know
/// whether the sources are drivers or simulator models. A <see cref="FixedRateScheduler"/> at 1 kHz runs, in order
/// within a tick: the sensor task (every source read, samples into the EKF, battery and RC, the estimate; 1 kHz,
/// priority <see cref="SensorPriority"/>), the commander with the position loop (50 Hz, then the land detector's
/// verdict back to the EKF), the attitude and rate loops with allocation writing the motor sink (500 Hz), and the
/// MAVLink link when attached. A host drives the scheduler (lockstep <see cref="FixedRateScheduler.Step"/> in SITL,
/// <see cref="WallClockLoop"/> on hardware) and may register its own tasks around these by priority. No allocation
/// per tick after construction.
/// </summary>
public sealed class Vehicle
{
    public const int BaseRateHz = 1000;
    public const int PositionRateHz = 50;
    public const int RateLoopRateHz = 500;

    /// <summary>Priorities of the vehicle's tasks; a host task with a lower value runs before them in a tick.</summary>
    public const int SensorPriority = 10;
    public const int PositionPriority = 20;
    public const int RateLoopPriority = 30;
    public const int MavlinkPriority = 40;

    private readonly VehicleIo _io;
    private readonly double[] _motors;
    private readonly int _motorCount;
    private readonly bool _applyParameters;
    private readonly ArmingReadiness _readiness;
    private readonly PostCalibrationRealignment _realignment = new();
    private readonly string[] _motorFailureTexts;
    private readonly int _batteryResistanceIndex;
    private GnssSample _latestGnss;
    private bool _hasOrigin;
    private bool _motorFailureHandled;
    private bool _wasArmed;

    public Vehicle(VehicleDescription description, VehicleIo io, IClock clock)
    {
        ArgumentNullException.ThrowIfNull(description);
        ArgumentNullException.ThrowIfNull(io);
        ArgumentNullException.ThrowIfNull(clock);
        Description = description;
        _io = io;
        Clock = clock;
        _motorCount = description.MotorCount;
        _motors = new double[_motorCount];
        _readiness = new ArmingReadiness(description.ArmSettleUs);
        Battery = description.BatteryPack is { } pack ? new BatteryEstimator(pack) : new BatteryEstimator(description.BatteryCapacityMah);
        Ekf = new UavEkf(description.Ekf);

        // Motor speed is linear in the command and thrust quadratic in speed (THR_MDL_FAC = 1).
        Parameters = FlightParameterDefinitions.CreateStore();
        Parameters.TrySet("THR_MDL_FAC", 1.0);
        Parameters.TrySet("MPC_THR_HOVER", description.HoverThrust);
        Parameters.TrySet("MC_AIRFRAME", _motorCount == 6 ? 1 : 0);
        Cascade = MulticopterControlParameters.CreateCascade(Parameters);
        Corrections = new SensorCorrections(Parameters);
        Commander = new Commander(description.Flight ?? FlightParameterDefinitions.Bind(Parameters), Cascade, MulticopterControlParameters.LandDetector(Parameters));
        if (description.Flight is null)
        {
            // Later parameter changes (PARAM_SET over MAVLink) are applied at the next position update.
            Commander.ApplyParameters(Parameters);
            _applyParameters = true;
        }

        MotorFailures = new MotorFailureDetector(Cascade.Allocator, Cascade.ThrustCurve, TorquePerAngularAcceleration(description, Cascade), MotorFailureDetectorParameters.Default);
        _motorFailureTexts = new string[_motorCount];
        for (int i = 0; i < _motorCount; i++)
        {
            _motorFailureTexts[i] = Cascade.Allocator.CanLose(i)
                ? string.Create(CultureInfo.InvariantCulture, $"Motor {i + 1} failure: thrust lost, allocating without it")
                : string.Create(CultureInfo.InvariantCulture, $"Motor {i + 1} failure: thrust lost");
        }

        Calibration = new SensorCalibrationRunner(Parameters, Corrections, Commander.StatusTexts);
        ModeSwitch = new RcModeSwitch(Parameters);
        _batteryResistanceIndex = Parameters.IndexOf("BAT1_R_INTERNAL");

        Scheduler = new FixedRateScheduler(clock, BaseRateHz);
        Scheduler.Register("sensors+ekf", new PeriodicAction(RunSensors), BaseRateHz, SensorPriority);
        Scheduler.Register("position", new PeriodicAction(RunPosition), PositionRateHz, PositionPriority);
        Scheduler.Register("attitude+rate", new PeriodicAction(RunRateLoop), RateLoopRateHz, RateLoopPriority);
    }

    public VehicleDescription Description { get; }

    public IClock Clock { get; }

    public FixedRateScheduler Scheduler { get; }

    public UavEkf Ekf { get; }

    public ParameterStore Parameters { get; }

    public MulticopterCascade Cascade { get; }

    /// <summary>The RC flight-mode switch (RC_MAP_FLTMODE, COM_FLTMODE1..6).</summary>
    public RcModeSwitch ModeSwitch { get; }

    /// <summary>Modes, mission, arming, failsafes, status: what MAVLink and scenarios drive.</summary>
    public Commander Commander { get; }

    /// <summary>The vehicle command API (the same object as <see cref="Commander"/>).</summary>
    public IVehicleCommands Commands => Commander;

    /// <summary>The calibration parameters applied to raw IMU and magnetometer samples before the EKF.</summary>
    public SensorCorrections Corrections { get; }

    /// <summary>Sensor calibration (MAV_CMD_PREFLIGHT_CALIBRATION), fed the raw samples; arming waits while it runs.</summary>
    public SensorCalibrationRunner Calibration { get; }

    /// <summary>The autonomous setpoint generator beneath the modes.</summary>
    public Navigator Navigator => Commander.Navigator;

    public int MotorCount => _motorCount;

    /// <summary>The motor commands (0–1) of the latest rate-loop step (what SERVO_OUTPUT_RAW reports).</summary>
    public ReadOnlySpan<double> MotorOutputs => _motors;

    /// <summary>
    /// Watches the motors against the gyro (rate loop); a failure it latches feeds the failsafe ladder and, where the
    /// layout can fly without the motor (a hex), makes the allocator drop it. Latched until the vehicle restarts, so
    /// arming is refused after one (the pre-arm check of the ladder), as PX4 keeps a failure-detector flag.
    /// </summary>
    public MotorFailureDetector MotorFailures { get; }

    /// <summary>Hard touchdown and ground strike (accelerometer shock at speed), fed to the failsafe ladder, which disarms.</summary>
    public ImpactDetector Impacts { get; } = new();

    /// <summary>Accelerometer vibration and clipping (VIBRATION), fed every corrected IMU sample.</summary>
    public VibrationMonitor Vibration { get; } = new();

    /// <summary>The battery as the monitor reports it (NaN fields without a monitor).</summary>
    public BatteryEstimator Battery { get; }

    /// <summary>The newest GNSS solution read (default before the first: no fix).</summary>
    public ref readonly GnssSample LatestGnss => ref _latestGnss;

    /// <summary>The estimate the controllers use (EKF output at the newest IMU time, EKF frame).</summary>
    public MulticopterState Estimate { get; private set; }

    /// <summary>The EKF has a GNSS origin (latched at the first).</summary>
    public bool HasOrigin => _hasOrigin;

    /// <summary>The EKF has fused GNSS and baro without a break for <see cref="VehicleDescription.ArmSettleUs"/>, and does not wait to realign after a calibration.</summary>
    public bool ReadyToArm => _readiness.IsReady(Clock.TimeUs) && !_realignment.Pending;

    /// <summary>The MAVLink link, once attached (<see cref="VehicleMavlinkLink"/>).</summary>
    public VehicleMavlinkLink? Mavlink { get; internal set; }

    /// <summary>Arms through the arming checks. False when denied (reason in the status) or already armed.</summary>
    public bool Arm() => !Commander.Armed && Commander.Arm() == CommandOutcome.Accepted;

    /// <summary>Normalised torque per rad/s² (inertia / (column scale · one motor's full thrust)); zero when either is unknown.</summary>
    private static Vector3 TorquePerAngularAcceleration(VehicleDescription description, MulticopterCascade cascade)
    {
        Vector3 inertia = description.InertiaDiagonalKgM2;
        double maxThrustN = description.MaxMotorThrustN;
        if (!(maxThrustN > 0) || !inertia.IsFinite || inertia.X <= 0 || inertia.Y <= 0 || inertia.Z <= 0)
        {
            return Vector3.Zero;
        }

        Vector3 scale = cascade.Allocator.ColumnScale;
        return new Vector3(inertia.X / (scale.X * maxThrustN), inertia.Y / (scale.Y * maxThrustN), inertia.Z / (scale.Z * maxThrustN));
    }

    private void RunSensors(long timeUs)
    {
        Corrections.Refresh();

        // Observations first so a sample due at this IMU time is buffered before the prediction reaches it.
        while (_io.Gnss.TryReadGnss(out GnssSample gnss))
        {
            _latestGnss = gnss;
            Ekf.PushGnss(gnss);
        }

        while (_io.Barometer.TryReadBarometer(out BaroSample baro))
        {
            Ekf.PushBaro(baro);
        }

        if (_io.Magnetometer is { } magnetometer)
        {
            while (magnetometer.TryReadMagnetometer(out MagSample mag))
            {
                Calibration.OnMag(in mag);
                Ekf.PushMag(Corrections.Correct(in mag));
            }
        }

        if (_io.RangeFinder is { } rangeFinder)
        {
            while (rangeFinder.TryReadRange(out RangeSample range))
            {
                Ekf.PushRange(range);
            }
        }

        while (_io.Imu.TryReadImu(out ImuSample imu))
        {
            Calibration.OnImu(in imu);
            ImuSample corrected = Corrections.Correct(in imu);
            if (_realignment.Observe(in corrected, Calibration.Completed, Calibration.Running, Commander.Armed, Ekf.InAir))
            {
                Ekf.Realign();
                _readiness.Update(timeUs, false);
            }

            Ekf.PushImu(corrected);
            Vibration.OnImu(in corrected);
            if (Commander.Armed && imu.DtS > 0)
            {
                Impacts.OnAccelerometer(imu.TimeUs, imu.DeltaVelocityMps * (1.0 / imu.DtS), imu.AccelerometerClipped);
            }
        }

        if (_io.Battery is { } monitor && monitor.TryReadBattery(out BatterySample battery))
        {
            Battery.Update(in battery);
        }

        if (_io.Rc is { } rc && rc.TryReadRc(out RcInputSample frame))
        {
            if (RcManualInputMapping.TryMap(in frame, out ManualInput sticks))
            {
                Commander.SetRcInput(in sticks);
            }

            ModeSwitch.OnFrame(in frame, Commander);
        }

        OutputPredictor output = Ekf.Output;
        Estimate = new MulticopterState(output.PositionNedM, output.VelocityNedMps, output.Attitude, output.AngularRateRadps);
        _hasOrigin |= Ekf.Gnss.HasOrigin;
    }

    private void RunPosition(long timeUs)
    {
        const double dtS = 1.0 / PositionRateHz;
        const UavEkfFlags gnssAndBaro = UavEkfFlags.GnssFusing | UavEkfFlags.BaroFusing;
        _readiness.Update(timeUs, _hasOrigin && (Ekf.Flags & gnssAndBaro) == gnssAndBaro);
        if (Commander.Armed && !_wasArmed)
        {
            Impacts.Reset();   // a new flight: the last one's impact no longer holds
        }

        _wasArmed = Commander.Armed;
        Impacts.OnVelocity(Estimate.VelocityNedMps);

        var health = new VehicleHealth(
            ReadyToArm && !Calibration.Running,
            _latestGnss.FixType >= 3,
            Battery.RemainingFraction,
            _hasOrigin,
            _hasOrigin ? Ekf.Gnss.Origin : default)
        {
            PositionAidingLost = (Ekf.Flags & UavEkfFlags.DeadReckoning) != 0,
            MotorFailed = MotorFailures.Failed,
            HardImpact = Impacts.Detected,
            PositionAccuracyM = Math.Sqrt(Math.Max(0, Ekf.Core.Variance(UavErrorIndex.Position) + Ekf.Core.Variance(UavErrorIndex.Position + 1) + Ekf.Core.Variance(UavErrorIndex.Position + 2))),
            // A test ratio is fresh only while the receiver delivers a fix (it keeps its last value when GNSS is gone);
            // it waits while the EKF's emergency yaw reset may still cure the GNSS velocity rejection (EKF2's GSF reset
            // acts before the commander's estimator check).
            EstimatorTestRatio = Math.Max(_latestGnss.FixType >= 3 && !Ekf.EmergencyYawResetPending ? Ekf.Gnss.TestRatio : 0, Ekf.Baro.TestRatio),
        };
        if (_applyParameters)
        {
            Commander.ApplyParameters(Parameters);
            Battery.ResistanceOverrideOhm = Parameters.Get(_batteryResistanceIndex);
        }

        Commander.Update(timeUs, dtS, Estimate, health);

        // The land detector tells the EKF when the vehicle rests on the ground (zero-velocity aiding, as PX4's EKF2).
        Ekf.SetInAir(Navigator.LandState != LandState.Landed);
    }

    private void RunRateLoop(long timeUs)
    {
        const double dtS = 1.0 / RateLoopRateHz;
        if (!Commander.Armed)
        {
            _motors.AsSpan().Clear();
        }
        else
        {
            MulticopterState state = Estimate;
            Cascade.UpdateAttitude(state.AttitudeNed);
            Cascade.UpdateRate(state.BodyRateRadps, dtS, _motors);
            MotorFailures.Update(timeUs, _motors, state.BodyRateRadps, dtS, Navigator.LandState == LandState.Flying);
            if (MotorFailures.Failed && !_motorFailureHandled)
            {
                _motorFailureHandled = true;
                int motor = MotorFailures.FailedMotor;
                Cascade.Allocator.DisableMotor(motor);
                Commander.StatusTexts.Add(timeUs, StatusSeverity.Critical, _motorFailureTexts[motor]);
            }
        }

        _io.Motors.WriteMotors(timeUs, _motors);
    }
}
