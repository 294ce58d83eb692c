using StrategicTech.Autopilot.Comms;
using StrategicTech.Autopilot.Control.Detection;
using StrategicTech.Autopilot.Flight;
using StrategicTech.Navigation.Geodesy;
using StrategicTech.Navigation.Missions;
using StrategicTech.Navigation.Numerics;

namespace StrategicTech.Autopilot.Tests.Comms;

/// <summary>Records what the endpoint asked for and answers with <see cref="Outcome"/>.</summary>
internal sealed class FakeVehicle : IVehicleCommands, IVehicleTelemetrySource
{
    public VehicleTelemetry Telemetry;
    public bool Armed;
    public FlightMode Mode = FlightMode.Hold;
    public LandState LandState = LandState.Landed;
    public bool HomeSet;
    public GeodeticPosition HomeGeodetic;
    public Vector3 HomeNedM;
    public int MissionCurrent;
    public long ReachedCount;
    public int LastReachedIndex = -1;
    public bool MissionFinished = false;

    public StatusTextLog Texts { get; } = new();

    public ReachedItemLog Reached { get; } = new();

    public VehicleStatus Status => new()
    {
        Armed = Armed,
        Mode = Mode,
        LandState = LandState,
        HomeSet = HomeSet,
        HomeGeodetic = HomeGeodetic,
        HomeNedM = HomeNedM,
        MissionItemCount = Mission?.Count ?? 0,
        MissionCurrentIndex = MissionCurrent,
        ReachedCount = ReachedCount,
        LastReachedIndex = LastReachedIndex,
        ReachedItems = Reached,
        MissionFinished = MissionFinished,
        StatusTextCount = Texts.Count,
        StatusTexts = Texts,
    };

    public CommandOutcome Outcome { get; set; } = CommandOutcome.Accepted;

    /// <summary>Text the vehicle announces when it refuses (none: the endpoint must give the reason).</summary>
    public string? DenialText { get; set; }

    public List<string> Calls { get; } = [];

    public IReadOnlyList<MissionItem>? Mission { get; private set; }

    public int MissionReplacements { get; private set; }

    public ManualInput LastManual { get; private set; }

    public OffboardSetpoint LastOffboard { get; private set; }

    public int OffboardCount { get; private set; }

    public void Fill(long timeUs, ref VehicleTelemetry telemetry)
    {
        telemetry = Telemetry;
        telemetry.TimeUs = timeUs;
    }

    public CommandOutcome Arm(bool force = false) => Record(force ? "Arm(force)" : "Arm", () => Armed = true);

    public CommandOutcome Disarm(bool force = false) => Record(force ? "Disarm(force)" : "Disarm", () => Armed = false);

    public CommandOutcome SetMode(FlightMode mode) => Record("SetMode(" + mode + ")", () => Mode = mode);

    public CommandOutcome Takeoff(double altitudeAboveHomeM) =>
        Record(FormattableString.Invariant($"Takeoff({altitudeAboveHomeM:0.###})"), () => Mode = FlightMode.Takeoff);

    public CommandOutcome Land() => Record("Land", () => Mode = FlightMode.Land);

    public CommandOutcome ReturnToLaunch() => Record("ReturnToLaunch", () => Mode = FlightMode.ReturnToLaunch);

    public CommandOutcome Hold() => Record("Hold", () => Mode = FlightMode.Hold);

    public CommandOutcome GoTo(double latitudeDeg, double longitudeDeg, double heightAboveHomeM, double speedMps = 0) =>
        Record(FormattableString.Invariant($"GoTo({latitudeDeg:F7},{longitudeDeg:F7},{heightAboveHomeM:F2},{speedMps:F1})"), () => Mode = FlightMode.Hold);

    public CommandOutcome ReplaceMission(IReadOnlyList<MissionItem> items) => Record("ReplaceMission", () =>
    {
        Mission = items;
        MissionReplacements++;
        MissionCurrent = 0;
    });

    public Geofence Fence { get; private set; } = Geofence.Empty;

    public IReadOnlyList<RallyPoint> RallyPoints { get; private set; } = [];

    public CommandOutcome ReplaceFence(Geofence fence) => Record("ReplaceFence", () => Fence = fence);

    public CommandOutcome ReplaceRallyPoints(IReadOnlyList<RallyPoint> points) => Record("ReplaceRallyPoints", () => RallyPoints = points);

    public CommandOutcome StartMission(int firstItemIndex = 0) => Record("StartMission(" + firstItemIndex + ")", () => Mode = FlightMode.Mission);

    public CommandOutcome SetCurrentMissionItem(int index) => Record("SetCurrent(" + index + ")", () => MissionCurrent = index);

    public void SetManualInput(in ManualInput input) => LastManual = input;

    public CommandOutcome SetOffboardSetpoint(in OffboardSetpoint setpoint)
    {
        LastOffboard = setpoint;
        OffboardCount++;
        return Outcome;
    }

    private CommandOutcome Record(string call, Action apply)
    {
        Calls.Add(call);
        if (Outcome == CommandOutcome.Accepted)
        {
            apply();
        }
        else if (DenialText is not null)
        {
            Texts.Add(0, StatusSeverity.Critical, DenialText);
        }

        return Outcome;
    }
}
