namespace StrategicTech.Autopilot.Flight.Tasks;

/// <summary>Land: descends where the vehicle is; the land detector confirms touchdown and the vehicle disarms.</summary>
internal sealed class LandTask(FlightTaskContext context) : NavigatorTask(context)
{
    public override bool Activate() => Context.Navigator.Land();
}
