namespace StrategicTech.Autopilot.Flight.Tasks;

/// <summary>Return to launch: runs a <see cref="ReturnSequence"/> (climb, return, descend, land) from where the vehicle is.</summary>
internal sealed class ReturnTask(FlightTaskContext context) : NavigatorTask(context)
{
    private readonly ReturnSequence _sequence = new(context.Navigator, context.Geofence);

    public override bool Activate()
    {
        Context.LeaveExternal();
        return _sequence.Start(Context.State.PositionNedM);
    }

    public override void Update(double dtS) => _sequence.Update(Context.State.PositionNedM);

    public override void Deactivate() => _sequence.Stop();
}
