namespace StrategicTech.Drivers.Mavlink;

/// <summary>
/// Wire facts of one message id: what the parser needs to check a frame without knowing the struct, and where a
/// router finds the target (payload offsets of uint8 <c>target_system</c>/<c>target_component</c>, -1 when absent).
/// </summary>
public readonly record struct MavlinkMessageInfo(
    uint Id,
    string Name,
    byte CrcExtra,
    byte MinLength,
    byte MaxLength,
    short TargetSystemOffset = -1,
    short TargetComponentOffset = -1);
