using StrategicTech.Drivers.Mavlink.Microservices.Parameters;

namespace StrategicTech.GroundStation.Parameters;

/// <summary>One line of a QGroundControl <c>.params</c> file: vehicle, component, name, typed value, and the line it came from.</summary>
public sealed record ParamsFileEntry(byte SystemId, byte ComponentId, string Name, ParameterValue Value, int Line = 0);
