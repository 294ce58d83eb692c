namespace StrategicTech.Drivers.Rosbridge.Protocol;

/// <summary>
/// A subscription's rosbridge options: throttle_rate (minimum ms between messages), queue_length (server-side
/// queue), fragment_size (server splits larger messages; 0 = none), compression (none, cbor, cbor-raw).
/// </summary>
public sealed record SubscribeOptions
{
    public static readonly SubscribeOptions Default = new();

    public int ThrottleRateMs { get; init; }

    /// <summary>
    /// Messages the server may hold pending for this subscription before dropping the oldest; 0 (rosbridge's and
    /// roslib's default) = no bound of its own. The default is 0 because consumers such as the AMR link fuse every
    /// odometry/IMU sample from their client-side queue; a latest-value consumer may ask for 1.
    /// </summary>
    public int QueueLength { get; init; }

    public int FragmentSize { get; init; }

    public string Compression { get; init; } = RosbridgeCompression.None;
}
