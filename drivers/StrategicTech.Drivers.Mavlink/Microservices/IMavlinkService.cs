namespace StrategicTech.Drivers.Mavlink.Microservices;

/// <summary>
/// One microservice (heartbeat, command, parameters…) attached to a <see cref="MavlinkNode"/>. The node calls it on
/// one thread at a time: for each received frame and on every <see cref="MavlinkNode.Tick"/>, always with "now"
/// from the node's injected clock, so timeouts and retries are driven by that clock alone.
/// </summary>
public interface IMavlinkService
{
    /// <summary>A checked frame from another node; its spans are valid only during the call.</summary>
    void OnFrame(MavlinkFrame frame, long nowUs);

    /// <summary>Periodic work: timeouts, retries, periodic sends.</summary>
    void Tick(long nowUs);
}
