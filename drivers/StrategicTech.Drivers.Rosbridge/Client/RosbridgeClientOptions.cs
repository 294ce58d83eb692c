namespace StrategicTech.Drivers.Rosbridge.Client;

/// <summary>Client tuning: reconnect back-off, request timeout, CBOR fallback, receive limits.</summary>
public sealed record RosbridgeClientOptions
{
    public TimeSpan ReconnectMinDelay { get; init; } = TimeSpan.FromMilliseconds(100);

    public TimeSpan ReconnectMaxDelay { get; init; } = TimeSpan.FromSeconds(5);

    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>A CBOR subscription that delivers nothing this long after subscribing is redone as JSON (rosbridge #864).</summary>
    public TimeSpan CborFallbackAfter { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>How often CBOR subscriptions are checked for that silence (a timer of its own, apart from sending).</summary>
    public TimeSpan CborFallbackCheckPeriod { get; init; } = TimeSpan.FromMilliseconds(250);

    /// <summary>Largest WebSocket message accepted; larger ones are discarded and counted.</summary>
    public int MaxFrameBytes { get; init; } = 32 << 20;

    /// <summary>Capacity of the outgoing control-frame queue.</summary>
    public int SendQueueCapacity { get; init; } = 1024;
}
