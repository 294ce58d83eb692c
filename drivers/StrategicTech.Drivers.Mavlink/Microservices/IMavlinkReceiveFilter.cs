namespace StrategicTech.Drivers.Mavlink.Microservices;

/// <summary>
/// Decides, before any subscriber or service sees it, whether a received frame is admitted by a
/// <see cref="MavlinkNode"/> (e.g. a signing policy). Runs on the receive thread inside the node's receive lock; must
/// not allocate per frame.
/// </summary>
public interface IMavlinkReceiveFilter
{
    /// <param name="frame">The checked frame (CRC verified for known ids).</param>
    /// <param name="channel">The physical link it arrived on, as named by the host (0 for the node's own byte input unless set otherwise).</param>
    /// <param name="nowUs">The node's clock.</param>
    bool Admit(MavlinkFrame frame, byte channel, long nowUs);
}
