namespace StrategicTech.Sim.Tests.Companion;

/// <summary>
/// Tests that join real-time processes (a vehicle's 1 kHz loop, a companion's 50 Hz stream) over real sockets: run
/// alone, not beside this project's other collections, so a busy test host does not starve those loops.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class RealTimeProcessesCollection
{
    public const string Name = "Real-time processes";
}
