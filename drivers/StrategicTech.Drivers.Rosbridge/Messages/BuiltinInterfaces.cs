namespace StrategicTech.Drivers.Rosbridge.Messages;

/// <summary>builtin_interfaces/Time (ROS 2: sec, nanosec). ROS 1's secs/nsecs are accepted on decode by the codec.</summary>
public readonly record struct RosTime(int Sec, uint Nanosec)
{
    public static RosTime FromMicroseconds(long timeUs) =>
        new((int)(timeUs / 1_000_000), (uint)(timeUs % 1_000_000 * 1000));

    public long ToMicroseconds() => (Sec * 1_000_000L) + (Nanosec / 1000);
}

/// <summary>std_msgs/Header (ROS 2: no seq).</summary>
public sealed record Header(RosTime Stamp, string FrameId)
{
    public static readonly Header Empty = new(default, "");
}
