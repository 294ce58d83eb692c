namespace StrategicTech.Autopilot.Flight.Tasks;

/// <summary>Hold: brakes to the braking point and holds there (a reposition then flies to its target and holds).</summary>
internal sealed class HoldTask(FlightTaskContext context) : AutoFlightTask(context)
{
    public override bool Activate()
    {
        Context.AutoFlight.HoldAt(Context.BrakingPointNedM());
        return true;
    }
}
