using StrategicTech.Drivers.Mavlink.Dialects.Common;

namespace StrategicTech.Drivers.Mavlink.Microservices.Command.Server;

/// <summary>A handler's answer: the MAV_RESULT, progress 0–100 for <see cref="MavResult.InProgress"/> (255 = unknown), and result_param2.</summary>
public readonly record struct CommandReply(MavResult Result, byte Progress = 0, int ResultParam2 = 0)
{
    public static CommandReply Accepted => new(MavResult.Accepted);

    public static CommandReply Denied => new(MavResult.Denied);

    public static CommandReply Failed => new(MavResult.Failed);

    public static CommandReply InProgress(byte progressPercent) => new(MavResult.InProgress, progressPercent);
}
