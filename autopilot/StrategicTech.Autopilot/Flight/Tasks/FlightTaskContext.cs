using StrategicTech.Autopilot.Control;
using StrategicTech.Navigation.Numerics;

namespace StrategicTech.Autopilot.Flight.Tasks;

/// <summary>
/// What the flight tasks share, owned by the <see cref="Commander"/>: the cascade, the auto-flight setpoint generator,
/// the mission, the status texts, and the inputs of the current update (estimate, health, sticks, offboard setpoint,
/// parameters) plus the takeoff height and mission index a command left for the next activation.
/// </summary>
internal sealed class FlightTaskContext
{
    public FlightTaskContext(MulticopterCascade cascade, Navigator navigator, MissionExecutor mission, StatusTextLog texts, FlightParameters parameters)
    {
        Cascade = cascade;
        Navigator = navigator;
        Mission = mission;
        Texts = texts;
        Parameters = parameters;
    }

    public MulticopterCascade Cascade { get; }

    /// <summary>Fences and rally points the return respects (null: straight home).</summary>
    public Geofence.GeofenceMonitor? Geofence { get; init; }

    public Navigator Navigator { get; }

    public MissionExecutor Mission { get; }

    public StatusTextLog Texts { get; }

    public FlightParameters Parameters { get; set; }

    public long NowUs { get; set; }

    public MulticopterState State { get; set; }

    public VehicleHealth Health { get; set; }

    public ManualInput Manual { get; set; }

    public OffboardSetpoint Offboard { get; set; }

    /// <summary>Height above home for the next takeoff (NaN: MIS_TAKEOFF_ALT).</summary>
    public double PendingTakeoffHeightM { get; set; } = double.NaN;

    /// <summary>The mission item the next mission start begins with.</summary>
    public int PendingMissionIndex { get; set; }

    /// <summary>Where the vehicle stops when braking at MPC_ACC_HOR from its current velocity.</summary>
    public Vector3 BrakingPointNedM()
    {
        MulticopterState state = State;
        Vector3 v = state.VelocityNedMps;
        double speed = VectorLimits.HorizontalLength(v);
        double distance = speed * speed / (2 * Parameters.BrakeAccelerationMps2);
        Vector3 p = state.PositionNedM;
        return speed > 0.1 ? new Vector3(p.X + (v.X / speed * distance), p.Y + (v.Y / speed * distance), p.Z) : p;
    }

    /// <summary>Leaves an external setpoint (manual or offboard) for a hold where the vehicle is, before an auto state starts.</summary>
    public void LeaveExternal()
    {
        if (Navigator.State == AutoState.External)
        {
            Navigator.HoldAt(State.PositionNedM);
        }
    }
}
