using StrategicTech.Drivers.Mavlink.Dialects.Common;

namespace StrategicTech.Drivers.Mavlink.Microservices.Mission;

/// <summary>One mission, fence or rally item as MISSION_ITEM_INT carries it (x, y in degE7 for global frames).</summary>
public readonly record struct MissionPlanItem(
    MavFrame Frame,
    MavCmd Command,
    bool Current,
    bool Autocontinue,
    float Param1,
    float Param2,
    float Param3,
    float Param4,
    int X,
    int Y,
    float Z)
{
    public static MissionPlanItem From(in MissionItemInt message) =>
        new(message.Frame, message.Command, message.Current != 0, message.Autocontinue != 0, message.Param1, message.Param2, message.Param3,
            message.Param4, message.X, message.Y, message.Z);

    public MissionItemInt ToMessage(byte targetSystem, byte targetComponent, ushort seq, MavMissionType missionType) => new()
    {
        TargetSystem = targetSystem,
        TargetComponent = targetComponent,
        Seq = seq,
        Frame = Frame,
        Command = Command,
        Current = Current ? (byte)1 : (byte)0,
        Autocontinue = Autocontinue ? (byte)1 : (byte)0,
        Param1 = Param1,
        Param2 = Param2,
        Param3 = Param3,
        Param4 = Param4,
        X = X,
        Y = Y,
        Z = Z,
        MissionType = missionType,
    };
}
