namespace StrategicTech.Autopilot.Flight.Tasks;

/// <summary>Hold: brakes to the braking point and holds there (a reposition then flies to its target and holds).</summary>
internal sealed class HoldTask(FlightTaskContext context) : NavigatorTask(context)
{
    public override bool Activate()
    {
        Context.Navigator.HoldAt(Context.BrakingPointNedM());
        return true;
    }
}
