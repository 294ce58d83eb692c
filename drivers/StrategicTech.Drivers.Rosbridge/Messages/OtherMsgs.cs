namespace StrategicTech.Drivers.Rosbridge.Messages;

/// <summary>tf2_msgs/TFMessage.</summary>
public sealed record TfMessage(TransformStamped[] Transforms);

/// <summary>std_msgs/String.</summary>
public sealed record StringMessage(string Data);

/// <summary>std_msgs/Bool.</summary>
public readonly record struct BoolMessage(bool Data);

/// <summary>std_msgs/Float64.</summary>
public readonly record struct Float64Message(double Data);

/// <summary>std_msgs/Int32.</summary>
public readonly record struct Int32Message(int Data);

/// <summary>std_msgs/UInt8MultiArray reduced to its data (uint8[] travels as base64 in JSON, a byte string in CBOR).</summary>
public sealed record ByteArrayMessage(byte[] Data);

/// <summary>unique_identifier_msgs/UUID: uint8[16].</summary>
public sealed record GoalUuid(byte[] Uuid);

/// <summary>action_msgs/GoalInfo.</summary>
public sealed record GoalInfo(GoalUuid GoalId, RosTime Stamp);

/// <summary>action_msgs/GoalStatus: the status codes rosbridge's action_result carries.</summary>
public sealed record GoalStatus(GoalInfo GoalInfo, sbyte Status)
{
    public const sbyte Unknown = 0;
    public const sbyte Accepted = 1;
    public const sbyte Executing = 2;
    public const sbyte Canceling = 3;
    public const sbyte Succeeded = 4;
    public const sbyte Canceled = 5;
    public const sbyte Aborted = 6;
}

/// <summary>std_srvs/Trigger request (empty).</summary>
public sealed record TriggerRequest;

/// <summary>std_srvs/Trigger response.</summary>
public sealed record TriggerResponse(bool Success, string Message);

/// <summary>Goal of the simulated robot's rotate action (like turtlesim/RotateAbsolute, relative): turn by an angle.</summary>
public sealed record RotateGoal(float AngleRad);

/// <summary>Feedback of the rotate action: the angle still to turn.</summary>
public sealed record RotateFeedback(float RemainingRad);

/// <summary>Result of the rotate action: the angle turned.</summary>
public sealed record RotateResult(float DeltaRad);
