using StrategicTech.Autopilot.Comms;
using StrategicTech.Autopilot.Comms.Pending;
using StrategicTech.Navigation.Missions;

namespace StrategicTech.Autopilot.Tests.Comms;

/// <summary>Records what the endpoint asked for and answers with <see cref="Outcome"/>.</summary>
internal sealed class FakeVehicle : IVehicleCommands, IVehicleTelemetrySource
{
    public VehicleTelemetry Telemetry;

    public VehicleStatus Status { get; } = new() { Mode = FlightMode.Hold, LandState = Autopilot.Control.Detection.LandState.Landed };

    public CommandOutcome Outcome { get; set; } = CommandOutcome.Accepted;

    public List<string> Calls { get; } = [];

    public IReadOnlyList<MissionItem>? Mission { get; private set; }

    public int MissionReplacements { get; private set; }

    public ManualInput LastManual { get; private set; }

    public OffboardSetpoint LastOffboard { get; private set; }

    public void Fill(long timeUs, ref VehicleTelemetry telemetry)
    {
        telemetry = Telemetry;
        telemetry.TimeUs = timeUs;
    }

    public CommandOutcome Arm() => Record("Arm", () => Status.Armed = true);

    public CommandOutcome Disarm(bool force) => Record(force ? "Disarm(force)" : "Disarm", () => Status.Armed = false);

    public CommandOutcome SetMode(FlightMode mode) => Record("SetMode(" + mode + ")", () => Status.Mode = mode);

    public CommandOutcome Takeoff(double altitudeM) => Record(FormattableString.Invariant($"Takeoff({altitudeM:0.###})"), () => Status.Mode = FlightMode.Takeoff);

    public CommandOutcome Land() => Record("Land", () => Status.Mode = FlightMode.Land);

    public CommandOutcome ReturnToLaunch() => Record("ReturnToLaunch", () => Status.Mode = FlightMode.ReturnToLaunch);

    public CommandOutcome Hold() => Record("Hold", () => Status.Mode = FlightMode.Hold);

    public CommandOutcome ReplaceMission(IReadOnlyList<MissionItem> items) => Record("ReplaceMission", () =>
    {
        Mission = items;
        MissionReplacements++;
        Status.MissionCount = items.Count;
    });

    public CommandOutcome StartMission(int first) => Record("StartMission(" + first + ")", () => Status.Mode = FlightMode.Mission);

    public CommandOutcome SetCurrentMissionItem(int index) => Record("SetCurrent(" + index + ")", () => Status.MissionCurrent = index);

    public CommandOutcome SetManualInput(in ManualInput input)
    {
        LastManual = input;
        return Outcome;
    }

    public CommandOutcome SetOffboardSetpoint(in OffboardSetpoint setpoint)
    {
        LastOffboard = setpoint;
        return Outcome;
    }

    private CommandOutcome Record(string call, Action apply)
    {
        Calls.Add(call);
        if (Outcome == CommandOutcome.Accepted)
        {
            apply();
        }

        return Outcome;
    }
}
