using System.Text.Json.Serialization;
using StrategicTech.Drivers.Rosbridge.Messages;

namespace StrategicTech.Drivers.Rosbridge.Codec;

/// <summary>
/// Source-generated System.Text.Json contract of every typed message: ROS field names are the snake_case of the
/// property names; floats accept null and the names NaN/Infinity; uint8[] is base64 (or a number list on decode).
/// The CBOR codec walks the same contract, so one declaration drives both encodings. Every field of a message is
/// required (a missing one, or a null where no float is expected, fails the decode; <see cref="RequiredFields"/>
/// names it), so a peer's partial message is rejected instead of decoding to zeros and null members.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    Converters = [typeof(RosDoubleConverter), typeof(RosSingleConverter), typeof(RosByteArrayConverter), typeof(RosTimeConverter)],
    MaxDepth = 32,
    RespectRequiredConstructorParameters = true,
    RespectNullableAnnotations = true)]
[JsonSerializable(typeof(Header))]
[JsonSerializable(typeof(Twist))]
[JsonSerializable(typeof(PoseStamped))]
[JsonSerializable(typeof(PoseWithCovarianceStamped))]
[JsonSerializable(typeof(Odometry))]
[JsonSerializable(typeof(OccupancyGrid))]
[JsonSerializable(typeof(NavPath))]
[JsonSerializable(typeof(LaserScan))]
[JsonSerializable(typeof(Imu))]
[JsonSerializable(typeof(BatteryState))]
[JsonSerializable(typeof(TfMessage))]
[JsonSerializable(typeof(StringMessage))]
[JsonSerializable(typeof(BoolMessage))]
[JsonSerializable(typeof(Float64Message))]
[JsonSerializable(typeof(Int32Message))]
[JsonSerializable(typeof(ByteArrayMessage))]
[JsonSerializable(typeof(GoalStatus))]
[JsonSerializable(typeof(TriggerRequest))]
[JsonSerializable(typeof(TriggerResponse))]
[JsonSerializable(typeof(RotateGoal))]
[JsonSerializable(typeof(RotateFeedback))]
[JsonSerializable(typeof(RotateResult))]
public sealed partial class RosJsonContext : JsonSerializerContext;
