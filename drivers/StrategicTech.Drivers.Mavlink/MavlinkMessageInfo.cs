namespace StrategicTech.Drivers.Mavlink;

/// <summary>Wire facts of one message id: what the parser needs to check a frame without knowing the struct.</summary>
public readonly record struct MavlinkMessageInfo(uint Id, string Name, byte CrcExtra, byte MinLength, byte MaxLength);
