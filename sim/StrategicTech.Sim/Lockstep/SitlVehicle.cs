using StrategicTech.Autopilot.Control;
using StrategicTech.Autopilot.Flight;
using StrategicTech.Autopilot.Parameters;
using StrategicTech.Autopilot.Runtime;
using StrategicTech.Autopilot.Vehicles;
using StrategicTech.Navigation.Estimation.Uav;
using StrategicTech.Navigation.Missions;
using StrategicTech.Navigation.Numerics;
using StrategicTech.Navigation.Time;
using StrategicTech.Sim.Faults;
using StrategicTech.Sim.Physics;
using StrategicTech.Sim.SensorModels;

namespace StrategicTech.Sim.Lockstep;

/// <summary>
/// One simulated multirotor flying in lockstep with its autopilot: the autopilot's <see cref="Autopilot.Vehicles.Vehicle"/>
/// bound to the simulator (sensor models → its sensor sources, its motor sink → the physics). A
/// <see cref="ManualClock"/> drives the vehicle's 1 kHz scheduler; each tick first steps the physics and samples the
/// sensor models (a task ahead of the vehicle's own), then runs the vehicle's tasks, then compares its estimate with
/// truth. The vehicle sees only its sensors; truth is exposed for comparison. No allocation per <see cref="Step"/>
/// after construction.
/// </summary>
public sealed class SitlVehicle
{
    public const int BaseRateHz = Vehicle.BaseRateHz;
    public const int PositionRateHz = Vehicle.PositionRateHz;
    public const int RateLoopRateHz = Vehicle.RateLoopRateHz;

    private readonly ISitlIoBinding _binding;
    private Vector3 _originOffsetNedM;
    private bool _hasOrigin;

    /// <param name="airframe">Vehicle (e.g. <c>AirframeLoader.LoadBuiltIn("quad_x")</c>); quad X or hex X rotor order.</param>
    /// <param name="environment">World; its seed drives the physics' random processes.</param>
    /// <param name="sensorSeed">Seed of the sensor noise.</param>
    /// <param name="faults">Injected faults, shared by physics and sensors.</param>
    /// <param name="sensors">Sensor set; defaults when null.</param>
    /// <param name="flight">Flight mode speeds; defaults (with the airframe's hover thrust) when null.</param>
    /// <param name="ekf">EKF tuning; defaults when null.</param>
    /// <param name="binding">How the autopilot meets the simulator; null: <see cref="SimulatedIoBinding"/> (plain SITL).</param>
    public SitlVehicle(
        AirframeDefinition airframe,
        SimulationEnvironment environment,
        ulong sensorSeed = 1,
        FaultSchedule? faults = null,
        SensorSuiteParameters? sensors = null,
        FlightParameters? flight = null,
        UavEkfParameters? ekf = null,
        Func<SitlBindingContext, ISitlIoBinding>? binding = null)
    {
        ArgumentNullException.ThrowIfNull(airframe);
        ArgumentNullException.ThrowIfNull(environment);
        faults ??= FaultSchedule.Empty;
        Faults = faults;
        Clock = new ManualClock();
        Physics = new MultirotorSimulation(airframe, environment, faults, 1_000_000 / BaseRateHz);
        Sensors = new SensorSuite(sensors ?? SensorSuiteParameters.Default, Physics.HomeFrame, faults, sensorSeed);
        var context = new SitlBindingContext(Sensors, Physics, Clock, airframe.Motors.Count, sensorSeed);
        _binding = binding?.Invoke(context) ?? new SimulatedIoBinding(context);

        // Motor speed is linear in the command and thrust quadratic in speed: THR_MDL_FAC = 1, and the hover
        // thrust fraction is the square of the hover command.
        // A world with the WMM field (no field given) gets an EKF that looks the model up at its origin like a real
        // vehicle, on the same model date. A world with its own field (MagneticFieldParameters) keeps the EKF's
        // declination parameter with the lookup off.
        ekf = environment.MagneticField is null
            ? (ekf ?? new UavEkfParameters()) with { UseWorldMagneticModel = true, WorldMagneticModelYear = MagneticFieldParameters.SimulationYear }
            : (ekf ?? new UavEkfParameters()) with { UseWorldMagneticModel = false };
        double hoverCommand = airframe.HoverCommand(Physics.GravityMps2);
        // The autopilot is configured with the pack it flies (cells, capacity, resistance: BAT1_* in PX4); its state of
        // charge it must estimate from the power module's voltage and current.
        BatteryPack? pack = airframe.Battery is { } b ? new BatteryPack(b.Cells, b.CapacityMah, b.InternalResistanceOhm, b.OpenCircuitCurve) : null;
        // The airframe's inertia and full motor thrust let the motor-failure detector account for manoeuvres.
        var description = new VehicleDescription
        {
            MotorCount = airframe.Motors.Count,
            HoverThrust = hoverCommand * hoverCommand,
            Flight = flight,
            Ekf = ekf,
            BatteryPack = pack,
            InertiaDiagonalKgM2 = new Vector3(airframe.InertiaKgM2.M11, airframe.InertiaKgM2.M22, airframe.InertiaKgM2.M33),
            MaxMotorThrustN = airframe.MaxTotalThrustN / airframe.Motors.Count,
        };
        Vehicle = new Vehicle(description, _binding.Io, Clock);
        Vehicle.Scheduler.Register("physics", new PeriodicAction(RunPhysics), BaseRateHz, Vehicle.SensorPriority - 5);
        Vehicle.Scheduler.Register("truth-compare", new PeriodicAction(CompareWithTruth), BaseRateHz, Vehicle.SensorPriority + 5);
    }

    /// <summary>How the autopilot is bound to the simulator (plain SITL or drivers on simulated buses).</summary>
    public ISitlIoBinding Binding => _binding;

    /// <summary>The faults physics and sensors apply (<see cref="FaultSchedule.Inject"/> adds one while running).</summary>
    public FaultSchedule Faults { get; }

    /// <summary>The autopilot flying this airframe.</summary>
    public Vehicle Vehicle { get; }

    public ManualClock Clock { get; }

    public FixedRateScheduler Scheduler => Vehicle.Scheduler;

    public MultirotorSimulation Physics { get; }

    public SensorSuite Sensors { get; }

    public UavEkf Ekf => Vehicle.Ekf;

    public ParameterStore Parameters => Vehicle.Parameters;

    public MulticopterCascade Cascade => Vehicle.Cascade;

    /// <summary>The autopilot's command layer: modes, mission, arming, status (what MAVLink and scenarios drive).</summary>
    public Commander Commander => Vehicle.Commander;

    /// <summary>The vehicle command API (the same object as <see cref="Commander"/>).</summary>
    public IVehicleCommands Commands => Vehicle.Commands;

    /// <summary>The autonomous setpoint generator beneath the modes (tests drive it directly for goto/land).</summary>
    public Navigator Navigator => Vehicle.Navigator;

    public double HoverThrust => Vehicle.Description.HoverThrust;

    public ref readonly VehicleTruth Truth => ref Physics.Truth;

    /// <summary>The estimate the controllers use (EKF output at the newest IMU time, EKF frame).</summary>
    public MulticopterState Estimate => Vehicle.Estimate;

    /// <summary>The vehicle's arming readiness (the EKF has settled on GNSS and baro).</summary>
    public bool ReadyToArm => Vehicle.ReadyToArm;

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
    public bool Arm() => Vehicle.Arm();

    private void RunPhysics(long timeUs)
    {
        Physics.SetMotorCommands(_binding.MotorCommands);
        Physics.Step();
        _binding.Sample();
    }

    private void CompareWithTruth(long timeUs)
    {
        if (!_hasOrigin && Ekf.Gnss.HasOrigin)
        {
            _hasOrigin = true;
            _originOffsetNedM = Physics.HomeFrame.ToNed(Ekf.Gnss.Origin);
        }

        if (_hasOrigin)
        {
            EkfPositionErrorM = (EstimatedPositionHomeNedM - Physics.Truth.PositionNedM).Length;
            MaxEkfPositionErrorM = Math.Max(MaxEkfPositionErrorM, EkfPositionErrorM);
        }
    }
}
