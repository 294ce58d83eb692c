using System.Text.Json.Serialization.Metadata;
using StrategicTech.Drivers.Rosbridge.Codec;
using StrategicTech.Drivers.Rosbridge.Codec.Cdr;

namespace StrategicTech.Drivers.Rosbridge.Messages;

/// <summary>A ROS interface name (as rosbridge spells it, e.g. <c>nav_msgs/msg/Odometry</c>) bound to its typed message and JSON contract.</summary>
public sealed record RosType<T>(string Name, JsonTypeInfo<T> Contract)
{
    /// <summary>The ROS 2 serialization (CDR) of the type, for <c>compression: cbor-raw</c>; null where the stack has none.</summary>
    public CdrCodec<T>? Cdr { get; init; }
}

/// <summary>The ROS types the stack uses, with their ROS 2 names and strict (every field required) contracts.</summary>
public static class RosTypes
{
    public static RosType<Twist> Twist { get; } = new("geometry_msgs/msg/Twist", RosJsonContracts.For<Twist>()) { Cdr = CdrMessages.Twist };
    public static RosType<PoseStamped> PoseStamped { get; } = new("geometry_msgs/msg/PoseStamped", RosJsonContracts.For<PoseStamped>()) { Cdr = CdrMessages.PoseStamped };
    public static RosType<PoseWithCovarianceStamped> PoseWithCovarianceStamped { get; } = new("geometry_msgs/msg/PoseWithCovarianceStamped", RosJsonContracts.For<PoseWithCovarianceStamped>()) { Cdr = CdrMessages.PoseWithCovarianceStamped };
    public static RosType<Odometry> Odometry { get; } = new("nav_msgs/msg/Odometry", RosJsonContracts.For<Odometry>()) { Cdr = CdrMessages.Odometry };
    public static RosType<OccupancyGrid> OccupancyGrid { get; } = new("nav_msgs/msg/OccupancyGrid", RosJsonContracts.For<OccupancyGrid>()) { Cdr = CdrMessages.OccupancyGrid };
    public static RosType<NavPath> Path { get; } = new("nav_msgs/msg/Path", RosJsonContracts.For<NavPath>()) { Cdr = CdrMessages.Path };
    public static RosType<LaserScan> LaserScan { get; } = new("sensor_msgs/msg/LaserScan", RosJsonContracts.For<LaserScan>()) { Cdr = CdrMessages.LaserScan };
    public static RosType<Imu> Imu { get; } = new("sensor_msgs/msg/Imu", RosJsonContracts.For<Imu>()) { Cdr = CdrMessages.Imu };
    public static RosType<BatteryState> BatteryState { get; } = new("sensor_msgs/msg/BatteryState", RosJsonContracts.For<BatteryState>()) { Cdr = CdrMessages.BatteryState };
    public static RosType<TfMessage> TfMessage { get; } = new("tf2_msgs/msg/TFMessage", RosJsonContracts.For<TfMessage>()) { Cdr = CdrMessages.TfMessage };
    public static RosType<StringMessage> String { get; } = new("std_msgs/msg/String", RosJsonContracts.For<StringMessage>()) { Cdr = CdrMessages.String };
    public static RosType<BoolMessage> Bool { get; } = new("std_msgs/msg/Bool", RosJsonContracts.For<BoolMessage>()) { Cdr = CdrMessages.Bool };
    public static RosType<Float64Message> Float64 { get; } = new("std_msgs/msg/Float64", RosJsonContracts.For<Float64Message>()) { Cdr = CdrMessages.Float64 };
    public static RosType<Int32Message> Int32 { get; } = new("std_msgs/msg/Int32", RosJsonContracts.For<Int32Message>()) { Cdr = CdrMessages.Int32 };
    public static RosType<ByteArrayMessage> UInt8MultiArrayData { get; } = new("std_msgs/msg/UInt8MultiArray", RosJsonContracts.For<ByteArrayMessage>());
    public static RosType<GoalStatus> GoalStatus { get; } = new("action_msgs/msg/GoalStatus", RosJsonContracts.For<GoalStatus>()) { Cdr = CdrMessages.GoalStatus };
    public static RosType<TriggerRequest> TriggerRequest { get; } = new("std_srvs/srv/Trigger", RosJsonContracts.For<TriggerRequest>());
    public static RosType<TriggerResponse> TriggerResponse { get; } = new("std_srvs/srv/Trigger", RosJsonContracts.For<TriggerResponse>());
    public static RosType<RotateGoal> RotateGoal { get; } = new("strategictech_msgs/action/Rotate", RosJsonContracts.For<RotateGoal>());
    public static RosType<RotateFeedback> RotateFeedback { get; } = new("strategictech_msgs/action/Rotate", RosJsonContracts.For<RotateFeedback>());
    public static RosType<RotateResult> RotateResult { get; } = new("strategictech_msgs/action/Rotate", RosJsonContracts.For<RotateResult>());
}
