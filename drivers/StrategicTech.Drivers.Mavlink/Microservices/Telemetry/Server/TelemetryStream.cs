namespace StrategicTech.Drivers.Mavlink.Microservices.Telemetry.Server;

/// <summary>
/// One message stream registered with a <see cref="TelemetryScheduler"/>: its id, default and current interval.
/// The generic subclass holds the typed provider so that emitting is a virtual call, not a boxing one.
/// </summary>
public abstract class TelemetryStream
{
    private protected TelemetryStream(uint messageId, string messageName, long defaultIntervalUs)
    {
        MessageId = messageId;
        MessageName = messageName;
        DefaultIntervalUs = defaultIntervalUs > 0 ? defaultIntervalUs : TelemetryScheduler.Disabled;
        IntervalUs = DefaultIntervalUs;
    }

    public uint MessageId { get; }

    public string MessageName { get; }

    /// <summary>Interval at start-up and after a request for the default (interval 0); <see cref="TelemetryScheduler.Disabled"/> when not streamed by default.</summary>
    public long DefaultIntervalUs { get; }

    /// <summary>Current interval (µs), or <see cref="TelemetryScheduler.Disabled"/>.</summary>
    public long IntervalUs { get; internal set; }

    /// <summary>Messages sent by this stream (periodic and one-shot).</summary>
    public long Sent { get; internal set; }

    /// <summary>Times the provider had nothing to send when asked.</summary>
    public long Unavailable { get; internal set; }

    internal long NextDueUs { get; set; } = long.MinValue;

    /// <summary>Asks the provider and sends the message through <paramref name="node"/>; false when the provider had nothing.</summary>
    internal abstract bool Emit(MavlinkNode node, long nowUs);
}

internal sealed class TelemetryStream<TMessage>(long defaultIntervalUs, TelemetryProvider<TMessage> provider)
    : TelemetryStream(TMessage.MessageId, TMessage.MessageName, defaultIntervalUs)
    where TMessage : struct, IMavlinkMessage<TMessage>
{
    private readonly TelemetryProvider<TMessage> _provider = provider ?? throw new ArgumentNullException(nameof(provider));

    internal override bool Emit(MavlinkNode node, long nowUs)
    {
        if (!_provider(nowUs, out TMessage message))
        {
            Unavailable++;
            return false;
        }

        node.Send(message);
        Sent++;
        return true;
    }
}
