namespace StrategicTech.GroundStation.Inspection;

/// <summary>One (system, component, message) as the inspector lists it.</summary>
public readonly record struct InspectorRow(byte SystemId, byte ComponentId, uint MessageId, string Name, long Count, double RateHz, long LastUs);

/// <summary>One (system, component): frames, and frames lost to sequence gaps.</summary>
public readonly record struct InspectorComponent(byte SystemId, byte ComponentId, long Frames, long SequenceDrops);
