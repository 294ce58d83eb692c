using StrategicTech.Autopilot.Flight;
using StrategicTech.Navigation.Geodesy;
using StrategicTech.Navigation.Missions;
using StrategicTech.Sim.Faults;
using StrategicTech.Sim.Physics;

namespace StrategicTech.Sim.Scenarios;

/// <summary>
/// A validated scenario: who flies (<see cref="Vehicles"/>), in what world, which mission, and what counts as a
/// pass. Built by <see cref="ScenarioLoader"/>; every value has been range-checked.
/// </summary>
public sealed record Scenario(
    string Name,
    string Description,
    string SourceName,
    ulong Seed,
    IReadOnlyList<ScenarioVehicle> Vehicles,
    ScenarioWorld World,
    ScenarioMission Mission,
    PassCriteria Criteria)
{
    /// <summary>Autopilot parameters set on every vehicle before it arms (e.g. NAV_DLL_ACT), in file order.</summary>
    public IReadOnlyList<ScenarioParameter> Parameters { get; init; } = [];

    /// <summary>Operator commands sent during the flight (go-to, return), in time order.</summary>
    public IReadOnlyList<ScenarioCommand> Commands { get; init; } = [];

    /// <summary>The pilot's RC transmitter (null: no RC receiver fitted).</summary>
    public ScenarioRc? Rc { get; init; }
}

/// <summary>One vehicle: its airframe, where it starts and its MAVLink system id. Seeds default from the scenario seed.</summary>
public sealed record ScenarioVehicle(
    int SystemId,
    string AirframeName,
    AirframeDefinition Airframe,
    GeodeticPosition Home,
    ulong? PhysicsSeed,
    ulong? SensorSeed)
{
    /// <summary>Sensor errors injected into this vehicle's sensor models (null: the default models).</summary>
    public SensorErrors? SensorErrors { get; init; }
}

/// <summary>
/// Wind, magnetic field and the faults injected at scenario times (the same for every vehicle). A null field is the
/// world magnetic model's at each vehicle's home, with the vehicle's EKF looking the model up (the default, and a
/// file's <c>"magneticField": "wmm"</c>); a fixed field sets the vehicle's declination parameter to its own.
/// </summary>
public sealed record ScenarioWorld(WindParameters Wind, MagneticFieldParameters? MagneticField, IReadOnlyList<Fault> Faults);

/// <summary>
/// The mission as uploaded (items from seq 1, no home item), its file's name, and the file's planned home (where
/// a vehicle without an explicit home starts); the .plan's geofence and rally points are uploaded before the mission
/// (null: none).
/// </summary>
public sealed record ScenarioMission(string SourceName, IReadOnlyList<MissionItem> Items, GeodeticPosition PlannedHome,
    Geofence? Fence = null, IReadOnlyList<RallyPoint>? RallyPoints = null);

/// <summary>
/// What a run must show, judged on truth: every waypoint (NAV_WAYPOINT with a position) reached within
/// <see cref="WaypointRadiusM"/>, landed and disarmed within <see cref="LandedWithinM"/> of where it took off,
/// tilt never above <see cref="MaxTiltDeg"/>, the EKF position never further than <see cref="MaxEkfPositionErrorM"/>
/// from truth while armed, all within <see cref="TimeLimitS"/> of simulated time. Optional: <see cref="FenceRespected"/>
/// (truth never inside an exclusion or outside the inclusion fence of the .plan), <see cref="LandingPoint"/> (the
/// landing is judged against this point instead of the take-off point, e.g. a rally point), and
/// <see cref="ExpectRefusal"/> (the mission upload must be refused with a reason containing this text; the flight
/// criteria then do not apply). A criterion named in
/// <see cref="Optional"/> (by its JSON key, e.g. <c>landedWithinM</c>) is still measured and reported but does not
/// decide the verdict (a survey that ends in a hover can pass). A NaN <see cref="WaypointRadiusM"/>
/// (a failsafe scenario that never finishes its mission) is not judged.
/// </summary>
public sealed record PassCriteria(
    double WaypointRadiusM,
    double LandedWithinM,
    double MaxTiltDeg,
    double MaxEkfPositionErrorM,
    double TimeLimitS,
    bool FenceRespected = false,
    LatLonDeg? LandingPoint = null,
    string? ExpectRefusal = null,
    IReadOnlySet<string>? Optional = null)
{
    public const string WaypointKey = "waypointRadiusM";
    public const string LandedKey = "landedWithinM";
    public const string TiltKey = "maxTiltDeg";
    public const string EkfKey = "maxEkfPositionErrorM";
    public const string TimeLimitKey = "timeLimitS";

    /// <summary>Whether the criterion with JSON key <paramref name="key"/> decides the verdict.</summary>
    public bool IsRequired(string key) => Optional is null || !Optional.Contains(key);

    /// <summary>A failsafe that must be taken (with its mode) within a time of the first fault's start; null: none expected.</summary>
    public FailsafeCriterion? Failsafe { get; init; }

    /// <summary>Truth descent speed never above this while armed and airborne (m/s; "never fell"); NaN: not judged.</summary>
    public double MaxDescentSpeedMps { get; init; } = double.NaN;

    /// <summary>
    /// The run ends in a crash on purpose: instead of a safe landing, the motors must be off (disarmed) at the end;
    /// <see cref="LandedWithinM"/> is then not judged.
    /// </summary>
    public bool ExpectCrash { get; init; }

    /// <summary>
    /// Every waypoint the autopilot reported reached was reached on truth: truth within the waypoint's acceptance
    /// radius at the moment of the report (not only the estimate).
    /// </summary>
    public bool WaypointTruthWithinAcceptance { get; init; }
}

/// <summary>
/// The failsafe <see cref="Kind"/> must be taken, entering <see cref="Mode"/> when given, within <see cref="WithinS"/> of
/// the first fault's start, and not before <see cref="NotBeforeS"/> (an earlier one is a false trigger).
/// </summary>
public sealed record FailsafeCriterion(FailsafeKind Kind, FlightMode? Mode, double WithinS)
{
    /// <summary>Earliest allowed delay after the fault (s); 0: any.</summary>
    public double NotBeforeS { get; init; }
}

/// <summary>One autopilot parameter a scenario sets (name as in the parameter table).</summary>
public readonly record struct ScenarioParameter(string Name, double Value);
