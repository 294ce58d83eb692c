namespace StrategicTech.Drivers.Mavlink.Microservices.Parameters.Client;

/// <summary>A parameter as a PARAM_VALUE reported it: name, index among <see cref="Count"/>, typed value.</summary>
public readonly record struct Parameter(string Name, int Index, int Count, ParameterValue Value);
