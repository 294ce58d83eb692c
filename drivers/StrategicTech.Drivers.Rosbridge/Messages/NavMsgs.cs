namespace StrategicTech.Drivers.Rosbridge.Messages;

/// <summary>nav_msgs/Odometry: pose in header.frame_id (odom), twist in child_frame_id (base_link).</summary>
public sealed record Odometry(Header Header, string ChildFrameId, PoseWithCovariance Pose, TwistWithCovariance Twist);

/// <summary>nav_msgs/MapMetaData.</summary>
public sealed record MapMetaData(RosTime MapLoadTime, float Resolution, uint Width, uint Height, Pose Origin);

/// <summary>
/// nav_msgs/OccupancyGrid: data is int8[] (−1 unknown, 0..100), row-major from the origin cell. rosbridge sends
/// int8[] as a JSON list of numbers (only uint8[]/char[] become base64) and as CBOR tag 72.
/// </summary>
public sealed record OccupancyGrid(Header Header, MapMetaData Info, sbyte[] Data);

/// <summary>nav_msgs/Path.</summary>
public sealed record NavPath(Header Header, PoseStamped[] Poses);
