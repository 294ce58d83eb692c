namespace StrategicTech.Drivers.Rosbridge.Messages.Preallocated;

/// <summary>nav_msgs/Odometry decoded in place (covariances are fixed float64[36], preallocated).</summary>
public sealed class OdometryBuffer : IPreallocatedMessage
{
    public const int CovarianceLength = 36;

    public RosTime Stamp { get; set; }

    public ReusedString FrameId { get; } = new();

    public ReusedString ChildFrameId { get; } = new();

    public Pose Pose { get; set; }

    public Twist Twist { get; set; }

    /// <summary>Row-major 6x6 (x, y, z, rot x, rot y, rot z).</summary>
    public double[] PoseCovariance { get; } = new double[CovarianceLength];

    public double[] TwistCovariance { get; } = new double[CovarianceLength];

    /// <summary>An immutable copy (allocates; for non-real-time consumers).</summary>
    public Odometry ToMessage() => new(
        new Header(Stamp, FrameId.Value), ChildFrameId.Value,
        new PoseWithCovariance(Pose, (double[])PoseCovariance.Clone()),
        new TwistWithCovariance(Twist, (double[])TwistCovariance.Clone()));
}
