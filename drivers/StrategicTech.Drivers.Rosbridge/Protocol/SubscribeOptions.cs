namespace StrategicTech.Drivers.Rosbridge.Protocol;

/// <summary>
/// A subscription's rosbridge options: throttle_rate (minimum ms between messages), queue_length (server-side
/// queue), fragment_size (server splits larger messages; 0 = none), compression (none, cbor, cbor-raw).
/// </summary>
public sealed record SubscribeOptions
{
    public static readonly SubscribeOptions Default = new();

    public int ThrottleRateMs { get; init; }

    public int QueueLength { get; init; } = 1;

    public int FragmentSize { get; init; }

    public string Compression { get; init; } = RosbridgeCompression.None;
}
