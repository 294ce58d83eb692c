using StrategicTech.Drivers.Mavlink.Dialects.Common;

namespace StrategicTech.Drivers.Mavlink.Microservices.Command.Server;

/// <summary>
/// A received COMMAND_LONG or COMMAND_INT, unified. For COMMAND_INT, <see cref="Param5"/> and <see cref="Param6"/>
/// hold the integer x and y exactly (e.g. latitude/longitude in degE7) and <see cref="Frame"/> is meaningful.
/// </summary>
public readonly record struct CommandRequest(
    byte SourceSystem,
    byte SourceComponent,
    MavCmd Command,
    bool IsCommandInt,
    MavFrame Frame,
    float Param1,
    float Param2,
    float Param3,
    float Param4,
    double Param5,
    double Param6,
    float Param7)
{
    public static CommandRequest From(in CommandLong command, byte sourceSystem, byte sourceComponent) =>
        new(sourceSystem, sourceComponent, command.Command, IsCommandInt: false, default, command.Param1, command.Param2, command.Param3,
            command.Param4, command.Param5, command.Param6, command.Param7);

    public static CommandRequest From(in CommandInt command, byte sourceSystem, byte sourceComponent) =>
        new(sourceSystem, sourceComponent, command.Command, IsCommandInt: true, command.Frame, command.Param1, command.Param2, command.Param3,
            command.Param4, command.X, command.Y, command.Z);
}
