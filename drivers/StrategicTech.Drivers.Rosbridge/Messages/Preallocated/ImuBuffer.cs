namespace StrategicTech.Drivers.Rosbridge.Messages.Preallocated;

/// <summary>sensor_msgs/Imu decoded in place (covariances are fixed float64[9] row-major, preallocated).</summary>
public sealed class ImuBuffer : IPreallocatedMessage
{
    public const int CovarianceLength = 9;

    public RosTime Stamp { get; set; }

    public ReusedString FrameId { get; } = new();

    public Quaternion Orientation { get; set; }

    public double[] OrientationCovariance { get; } = new double[CovarianceLength];

    /// <summary>rad/s in the IMU frame.</summary>
    public Vector3 AngularVelocity { get; set; }

    public double[] AngularVelocityCovariance { get; } = new double[CovarianceLength];

    /// <summary>m/s² in the IMU frame.</summary>
    public Vector3 LinearAcceleration { get; set; }

    public double[] LinearAccelerationCovariance { get; } = new double[CovarianceLength];

    /// <summary>An immutable copy (allocates; for non-real-time consumers).</summary>
    public Imu ToMessage() => new(
        new Header(Stamp, FrameId.Value), Orientation, (double[])OrientationCovariance.Clone(), AngularVelocity,
        (double[])AngularVelocityCovariance.Clone(), LinearAcceleration, (double[])LinearAccelerationCovariance.Clone());
}
