namespace StrategicTech.Drivers.Mavlink.Microservices;

/// <summary>
/// Where a <see cref="MavlinkNode"/> sends its frames: a transport, a router or a test link. One call is one whole
/// frame; the span is valid only during the call. An implementation should not deliver synchronously back into
/// the sending node (queue instead), so that services never see their own send re-enter them.
/// </summary>
public interface IMavlinkFrameSink
{
    /// <summary>Sends one frame. Returns false when it could not be sent (nobody to send to yet).</summary>
    bool Send(ReadOnlySpan<byte> frame);
}
