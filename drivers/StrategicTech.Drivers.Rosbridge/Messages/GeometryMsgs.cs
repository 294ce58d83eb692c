namespace StrategicTech.Drivers.Rosbridge.Messages;

/// <summary>geometry_msgs/Vector3.</summary>
public readonly record struct Vector3(double X, double Y, double Z);

/// <summary>geometry_msgs/Point.</summary>
public readonly record struct Point(double X, double Y, double Z);

/// <summary>geometry_msgs/Quaternion (x, y, z, w).</summary>
public readonly record struct Quaternion(double X, double Y, double Z, double W)
{
    public static readonly Quaternion Identity = new(0, 0, 0, 1);

    /// <summary>A rotation about +z by <paramref name="yawRad"/>.</summary>
    public static Quaternion FromYaw(double yawRad) => new(0, 0, Math.Sin(yawRad / 2), Math.Cos(yawRad / 2));

    /// <summary>Yaw (rad) of this rotation (ZYX convention). Not a ROS field: kept off the wire (rosbridge rejects unknown fields).</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public double YawRad => Math.Atan2(2 * ((W * Z) + (X * Y)), 1 - (2 * ((Y * Y) + (Z * Z))));
}

/// <summary>geometry_msgs/Pose.</summary>
public readonly record struct Pose(Point Position, Quaternion Orientation);

/// <summary>geometry_msgs/Twist: linear (m/s) and angular (rad/s) velocity in the child frame.</summary>
public readonly record struct Twist(Vector3 Linear, Vector3 Angular);

/// <summary>geometry_msgs/Transform.</summary>
public readonly record struct Transform(Vector3 Translation, Quaternion Rotation);

/// <summary>geometry_msgs/PoseStamped.</summary>
public sealed record PoseStamped(Header Header, Pose Pose);

/// <summary>geometry_msgs/PoseWithCovariance: covariance is float64[36], row-major (x, y, z, rot x, rot y, rot z).</summary>
public sealed record PoseWithCovariance(Pose Pose, double[] Covariance);

/// <summary>geometry_msgs/PoseWithCovarianceStamped.</summary>
public sealed record PoseWithCovarianceStamped(Header Header, PoseWithCovariance Pose);

/// <summary>geometry_msgs/TwistWithCovariance: covariance is float64[36].</summary>
public sealed record TwistWithCovariance(Twist Twist, double[] Covariance);

/// <summary>geometry_msgs/TransformStamped.</summary>
public sealed record TransformStamped(Header Header, string ChildFrameId, Transform Transform);
