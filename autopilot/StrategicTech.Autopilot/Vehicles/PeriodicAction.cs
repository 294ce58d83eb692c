using StrategicTech.Autopilot.Runtime;

namespace StrategicTech.Autopilot.Vehicles;

/// <summary>Adapts a method to <see cref="IPeriodicTask"/>; the delegate is created once at start-up.</summary>
internal sealed class PeriodicAction(Action<long> run) : IPeriodicTask
{
    public void Run(long timeUs) => run(timeUs);
}
