using StrategicTech.Navigation.Missions;
using FenceShapes = StrategicTech.Navigation.Missions.Geofence;

namespace StrategicTech.Autopilot.Flight;

/// <summary>
/// What a ground station, a companion computer or a test can ask of the vehicle — the same on hardware and in SITL.
/// Commands are called between loop updates on the loop's thread (not thread-safe) and take effect at the next
/// position-loop update. None allocates except <see cref="ReplaceMission"/> (copies the list), <see cref="ReplaceFence"/>
/// and <see cref="ReplaceRallyPoints"/>.
/// </summary>
public interface IVehicleCommands
{
    /// <summary>A snapshot, no allocation.</summary>
    VehicleStatus Status { get; }

    /// <summary>Arms after the arming checks (unless <paramref name="force"/>); the reason of a denial is in the status.</summary>
    CommandOutcome Arm(bool force = false);

    /// <summary>Disarms; refused in the air unless <paramref name="force"/> (motors stop at once: it falls).</summary>
    CommandOutcome Disarm(bool force = false);

    CommandOutcome SetMode(FlightMode mode);

    /// <summary>Takes off to <paramref name="altitudeAboveHomeM"/> (NaN: MIS_TAKEOFF_ALT), arming first if needed; then Hold.</summary>
    CommandOutcome Takeoff(double altitudeAboveHomeM);

    CommandOutcome Land();

    CommandOutcome ReturnToLaunch();

    CommandOutcome Hold();

    /// <summary>
    /// Reposition (MAV_CMD_DO_REPOSITION, as PX4 flies it): switches to Hold and flies a straight line at
    /// <paramref name="speedMps"/> (not positive: MPC_XY_CRUISE) to the point, then holds there. NaN latitude and
    /// longitude keep the current horizontal target, NaN height the current height. Needs to be armed in the air
    /// with a global origin.
    /// </summary>
    CommandOutcome GoTo(double latitudeDeg, double longitudeDeg, double heightAboveHomeM, double speedMps = 0);

    /// <summary>
    /// Replaces the whole mission (never partially: a list with a bad item is refused and the old mission kept). The
    /// current item goes back to 0; in Mission mode in the air the vehicle holds until <see cref="StartMission"/>.
    /// </summary>
    CommandOutcome ReplaceMission(IReadOnlyList<MissionItem> items);

    /// <summary>
    /// Replaces the geofence (FENCE mission type): inclusion/exclusion polygons and circles the vehicle enforces from
    /// then on and checks missions against. Refused while flying outside it.
    /// </summary>
    CommandOutcome ReplaceFence(FenceShapes fence);

    /// <summary>Replaces the rally points (RALLY mission type): a return goes to the nearest when nearer than home.</summary>
    CommandOutcome ReplaceRallyPoints(IReadOnlyList<RallyPoint> points);

    /// <summary>Sets the current item to <paramref name="firstItemIndex"/> and switches to Mission mode (arming needs a separate Arm).</summary>
    CommandOutcome StartMission(int firstItemIndex = 0);

    /// <summary>MISSION_SET_CURRENT: continue from this item (resets DO_JUMP counters like PX4).</summary>
    CommandOutcome SetCurrentMissionItem(int index);

    /// <summary>Newest pilot sticks (MANUAL_CONTROL / RC); their time stamps drive the manual-input-loss failsafe.</summary>
    void SetManualInput(in ManualInput input);

    /// <summary>Newest offboard setpoint; must stream (> 2 Hz) before and while in Offboard mode.</summary>
    CommandOutcome SetOffboardSetpoint(in OffboardSetpoint setpoint);

    /// <summary>
    /// A ground station's HEARTBEAT arrived; silence after one feeds the data-link-loss failsafe (NAV_DLL_ACT). A
    /// vehicle without that failsafe ignores it.
    /// </summary>
    void NoteGroundStationHeartbeat()
    {
    }
}
