using StrategicTech.Autopilot.Control.Detection;
using StrategicTech.Navigation.Missions;

namespace StrategicTech.Autopilot.Comms.Pending;

// Placeholder of the sitl-flight contract (IVehicleCommands, VehicleStatus) until that branch is merged.
public enum FlightMode
{
    Stabilized,
    Altitude,
    Position,
    Mission,
    Takeoff,
    Land,
    ReturnToLaunch,
    Hold,
    Offboard,
}

public enum CommandOutcome
{
    Accepted,
    Denied,
    Unsupported,
    Failed,
}

public readonly record struct ManualInput(double X, double Y, double Z, double R);

public readonly record struct OffboardSetpoint(long TimeUs);

public sealed class VehicleStatus
{
    public bool Armed { get; set; }

    public FlightMode Mode { get; set; }

    public LandState LandState { get; set; }

    public int MissionCount { get; set; }

    public int MissionCurrent { get; set; }

    public long ReachedCount { get; set; }

    public int LastReachedIndex { get; set; }
}

public interface IVehicleCommands
{
    VehicleStatus Status { get; }

    CommandOutcome Arm();

    CommandOutcome Disarm(bool force);

    CommandOutcome SetMode(FlightMode mode);

    CommandOutcome Takeoff(double altitudeM);

    CommandOutcome Land();

    CommandOutcome ReturnToLaunch();

    CommandOutcome Hold();

    CommandOutcome ReplaceMission(IReadOnlyList<MissionItem> items);

    CommandOutcome StartMission(int first);

    CommandOutcome SetCurrentMissionItem(int index);

    CommandOutcome SetManualInput(in ManualInput input);

    CommandOutcome SetOffboardSetpoint(in OffboardSetpoint setpoint);
}
