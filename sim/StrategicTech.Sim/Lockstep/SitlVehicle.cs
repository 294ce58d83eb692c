using StrategicTech.Autopilot.Control;
using StrategicTech.Autopilot.Flight;
using StrategicTech.Autopilot.Parameters;
using StrategicTech.Autopilot.Runtime;
using StrategicTech.Navigation.Estimation.Uav;
using StrategicTech.Navigation.Missions;
using StrategicTech.Navigation.Numerics;
using StrategicTech.Navigation.Time;
using StrategicTech.Sim.Faults;
using StrategicTech.Sim.Physics;
using StrategicTech.Sim.SensorModels;

namespace StrategicTech.Sim.Lockstep;

/// <summary>
/// One simulated multirotor flying in lockstep with its autopilot. A <see cref="ManualClock"/> drives a
/// <see cref="FixedRateScheduler"/> at 1 kHz; each tick runs, in order: physics (1 kHz) and the sensor models, the
/// EKF fed from the simulated sensors at IMU rate (1 kHz), the flight modes and position loop (50 Hz), and the
/// attitude and rate loops with allocation (500 Hz). The controllers see only the EKF's estimate; truth is exposed
/// for comparison. No allocation per <see cref="Step"/> after construction.
/// </summary>
public sealed class SitlVehicle
{
    public const int BaseRateHz = 1000;
    public const int PositionRateHz = 50;
    public const int RateLoopRateHz = 500;
    public const long ArmSettleUs = 10_000_000;

    private readonly double[] _motors;
    private readonly int _motorCount;
    private Vector3 _originOffsetNedM;
    private bool _hasOrigin;
    private long _fusingSinceUs = -1;
    private readonly bool _applyParameters;

    /// <param name="airframe">Vehicle (e.g. <c>AirframeLoader.LoadBuiltIn("quad_x")</c>); quad X or hex X rotor order.</param>
    /// <param name="environment">World; its seed drives the physics' random processes.</param>
    /// <param name="sensorSeed">Seed of the sensor noise.</param>
    /// <param name="faults">Injected faults, shared by physics and sensors.</param>
    /// <param name="sensors">Sensor set; defaults when null.</param>
    /// <param name="flight">Flight mode speeds; defaults (with the airframe's hover thrust) when null.</param>
    /// <param name="ekf">EKF tuning; defaults when null.</param>
    public SitlVehicle(
        AirframeDefinition airframe,
        SimulationEnvironment environment,
        ulong sensorSeed = 1,
        FaultSchedule? faults = null,
        SensorSuiteParameters? sensors = null,
        FlightParameters? flight = null,
        UavEkfParameters? ekf = null)
    {
        ArgumentNullException.ThrowIfNull(airframe);
        ArgumentNullException.ThrowIfNull(environment);
        faults ??= FaultSchedule.Empty;
        Clock = new ManualClock();
        Physics = new MultirotorSimulation(airframe, environment, faults, 1_000_000 / BaseRateHz);
        Sensors = new SensorSuite(sensors ?? SensorSuiteParameters.Default, Physics.HomeFrame, faults, sensorSeed);
        Ekf = new UavEkf(ekf);
        _motorCount = airframe.Motors.Count;
        _motors = new double[AirframeDefinition.MaxMotors];

        // Motor speed is linear in the command and thrust quadratic in speed: THR_MDL_FAC = 1, and the hover
        // thrust fraction is the square of the hover command.
        double hoverCommand = airframe.HoverCommand(Physics.GravityMps2);
        HoverThrust = hoverCommand * hoverCommand;
        Parameters = FlightParameterDefinitions.CreateStore();
        Parameters.TrySet("THR_MDL_FAC", 1.0);
        Parameters.TrySet("MPC_THR_HOVER", HoverThrust);
        Parameters.TrySet("MC_AIRFRAME", _motorCount == 6 ? 1 : 0);
        Cascade = MulticopterControlParameters.CreateCascade(Parameters);
        Commander = new Commander(flight ?? FlightParameterDefinitions.Bind(Parameters), Cascade, MulticopterControlParameters.LandDetector(Parameters));
        if (flight is null)
        {
            // Later parameter changes (PARAM_SET over MAVLink) are applied at the next position update.
            Commander.ApplyParameters(Parameters);
            _applyParameters = true;
        }

        Scheduler = new FixedRateScheduler(Clock, BaseRateHz);
        Scheduler.Register("physics+ekf", new PeriodicAction(RunPhysicsAndEstimator), BaseRateHz, priority: 0);
        Scheduler.Register("position", new PeriodicAction(RunPosition), PositionRateHz, priority: 1);
        Scheduler.Register("attitude+rate", new PeriodicAction(RunRateLoop), RateLoopRateHz, priority: 2);
    }

    public ManualClock Clock { get; }

    public FixedRateScheduler Scheduler { get; }

    public MultirotorSimulation Physics { get; }

    public SensorSuite Sensors { get; }

    public UavEkf Ekf { get; }

    public ParameterStore Parameters { get; }

    public MulticopterCascade Cascade { get; }

    /// <summary>The autopilot's command layer: modes, mission, arming, status (what MAVLink and scenarios drive).</summary>
    public Commander Commander { get; }

    /// <summary>The vehicle command API (the same object as <see cref="Commander"/>).</summary>
    public IVehicleCommands Commands => Commander;

    /// <summary>The autonomous setpoint generator beneath the modes (tests drive it directly for goto/land).</summary>
    public FlightModeManager Flight => Commander.Navigator;

    public double HoverThrust { get; }

    public ref readonly VehicleTruth Truth => ref Physics.Truth;

    /// <summary>The estimate the controllers use (EKF output at the newest IMU time, EKF frame).</summary>
    public MulticopterState Estimate { get; private set; }

    /// <summary>
    /// The EKF has fused GNSS and baro without a break for <see cref="ArmSettleUs"/> (as PX4 waits for its GNSS
    /// checks): arming earlier puts home where a still-converging position estimate happens to be.
    /// </summary>
    public bool ReadyToArm => _fusingSinceUs >= 0 && Clock.TimeUs - _fusingSinceUs >= ArmSettleUs;

    /// <summary>EKF position expressed in the simulator's home frame (valid once the EKF has a GNSS origin).</summary>
    public Vector3 EstimatedPositionHomeNedM => Estimate.PositionNedM + _originOffsetNedM;

    /// <summary>|EKF position − truth| now (m); NaN before the EKF has an origin.</summary>
    public double EkfPositionErrorM { get; private set; } = double.NaN;

    /// <summary>Largest <see cref="EkfPositionErrorM"/> seen since the EKF got its origin.</summary>
    public double MaxEkfPositionErrorM { get; private set; }

    /// <summary>Converts a point of the simulator's home frame into the EKF (and autopilot) frame.</summary>
    public Vector3 HomeToEstimateFrame(Vector3 positionHomeNedM) => positionHomeNedM - _originOffsetNedM;

    /// <summary>The mission executor (empty until a mission is uploaded).</summary>
    public MissionExecutor Mission => Commander.Mission;

    /// <summary>
    /// Uploads <paramref name="items"/>, arms when needed and starts the mission at its first item (allocates: the
    /// upload copies the list). False when the mission was refused or arming was denied.
    /// </summary>
    public bool StartMission(IEnumerable<MissionItem> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        if (Commander.ReplaceMission([.. items]) != CommandOutcome.Accepted || Commander.StartMission() != CommandOutcome.Accepted)
        {
            return false;
        }

        return Commander.Armed || Commander.Arm() == CommandOutcome.Accepted;
    }

    /// <summary>Advances one base tick (1 ms).</summary>
    public void Step() => Scheduler.Step();

    /// <summary>Steps for <paramref name="durationUs"/> of simulated time.</summary>
    public void StepFor(long durationUs)
    {
        long ticks = durationUs * BaseRateHz / 1_000_000;
        for (long i = 0; i < ticks; i++)
        {
            Scheduler.Step();
        }
    }

    /// <summary>Steps until <paramref name="done"/> holds or <paramref name="timeoutUs"/> passes; true when it held.</summary>
    public bool StepUntil(Func<SitlVehicle, bool> done, long timeoutUs)
    {
        ArgumentNullException.ThrowIfNull(done);
        long endUs = Clock.TimeUs + timeoutUs;
        while (Clock.TimeUs < endUs)
        {
            Scheduler.Step();
            if (done(this))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Arms through the arming checks (controllers reset, home taken). False when denied (reason in the status) or already armed.</summary>
    public bool Arm() => !Commander.Armed && Commander.Arm() == CommandOutcome.Accepted;

    private void RunPhysicsAndEstimator(long timeUs)
    {
        Physics.SetMotorCommands(_motors.AsSpan(0, _motorCount));
        Physics.Step();
        ref readonly VehicleTruth truth = ref Physics.Truth;
        SensorUpdates updates = Sensors.Update(in truth);

        // Observations first so a sample due at this IMU time is buffered before the prediction reaches it.
        if ((updates & SensorUpdates.Gnss) != 0)
        {
            Ekf.PushGnss(SensorSampleAdapter.ToEkf(in Sensors.LatestGnss));
        }

        if ((updates & SensorUpdates.Baro) != 0)
        {
            Ekf.PushBaro(SensorSampleAdapter.ToEkf(in Sensors.LatestBaro));
        }

        if ((updates & SensorUpdates.Mag) != 0)
        {
            Ekf.PushMag(SensorSampleAdapter.ToEkf(in Sensors.LatestMag));
        }

        if ((updates & SensorUpdates.Range) != 0 && SensorSampleAdapter.TryToEkf(in Sensors.LatestRange, out RangeSample range))
        {
            Ekf.PushRange(range);
        }

        if ((updates & SensorUpdates.Imu) != 0)
        {
            Ekf.PushImu(SensorSampleAdapter.ToEkf(in Sensors.LatestImu));
        }

        OutputPredictor output = Ekf.Output;
        Estimate = new MulticopterState(output.PositionNedM, output.VelocityNedMps, output.Attitude, output.AngularRateRadps);

        if (!_hasOrigin && Ekf.Gnss.HasOrigin)
        {
            _hasOrigin = true;
            _originOffsetNedM = Physics.HomeFrame.ToNed(Ekf.Gnss.Origin);
        }

        if (_hasOrigin)
        {
            EkfPositionErrorM = (EstimatedPositionHomeNedM - truth.PositionNedM).Length;
            MaxEkfPositionErrorM = Math.Max(MaxEkfPositionErrorM, EkfPositionErrorM);
        }
    }

    private void RunPosition(long timeUs)
    {
        const double dtS = 1.0 / PositionRateHz;
        UavEkfFlags flags = Ekf.Flags;
        bool fusing = _hasOrigin && (flags & (UavEkfFlags.GnssFusing | UavEkfFlags.BaroFusing)) == (UavEkfFlags.GnssFusing | UavEkfFlags.BaroFusing);
        _fusingSinceUs = !fusing ? -1 : _fusingSinceUs < 0 ? timeUs : _fusingSinceUs;

        var health = new VehicleHealth(
            ReadyToArm,
            Sensors.LatestGnss.FixType >= SensorModels.Samples.GnssFixType.Fix3D,
            Physics.Truth.BatteryRemainingFraction,
            _hasOrigin,
            _hasOrigin ? Ekf.Gnss.Origin : default);
        if (_applyParameters)
        {
            Commander.ApplyParameters(Parameters);
        }

        Commander.Update(timeUs, dtS, Estimate, health);
        Ekf.SetInAir(Flight.LandState != Autopilot.Control.Detection.LandState.Landed);
    }

    private void RunRateLoop(long timeUs)
    {
        const double dtS = 1.0 / RateLoopRateHz;
        Span<double> motors = _motors.AsSpan(0, _motorCount);
        if (!Commander.Armed)
        {
            motors.Clear();
            return;
        }

        MulticopterState state = Estimate;
        Cascade.UpdateAttitude(state.AttitudeNed);
        Cascade.UpdateRate(state.BodyRateRadps, dtS, _motors);
    }
}
