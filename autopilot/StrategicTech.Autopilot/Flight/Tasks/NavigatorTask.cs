namespace StrategicTech.Autopilot.Flight.Tasks;

/// <summary>Base of the tasks whose setpoint comes from the auto-flight generator (hold, takeoff, land, return, mission).</summary>
internal abstract class NavigatorTask : IFlightTask
{
    protected NavigatorTask(FlightTaskContext context) => Context = context;

    protected FlightTaskContext Context { get; }

    public abstract bool Activate();

    public virtual void Update(double dtS)
    {
    }

    public void Control(double dtS) =>
        TrajectoryFollower.Follow(Context.Cascade, Context.Navigator.Setpoint, Context.State, dtS);

    public virtual void Deactivate()
    {
    }
}
