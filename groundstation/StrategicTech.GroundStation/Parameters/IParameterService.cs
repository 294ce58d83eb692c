using StrategicTech.Drivers.Mavlink.Microservices.Parameters;

namespace StrategicTech.GroundStation.Parameters;

/// <summary>The parameter protocol as the parameter view uses it (the link implements it; tests script it).</summary>
public interface IParameterService
{
    /// <summary>Starts downloading every parameter of the vehicle's autopilot (progress arrives as <see cref="ParameterEventKind.Value"/> events).</summary>
    void Download(byte systemId);

    /// <summary>Sends a PARAM_SET (repeated until echoed); the outcome arrives as an event.</summary>
    void Set(byte systemId, string name, ParameterValue value);

    /// <summary>Takes the next event, render thread only.</summary>
    bool TryTake(out ParameterEvent parameterEvent);
}
