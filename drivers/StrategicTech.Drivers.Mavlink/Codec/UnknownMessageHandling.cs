namespace StrategicTech.Drivers.Mavlink;

/// <summary>What the parser does with a frame whose id is not in its dialect (its CRC cannot be checked without CRC_EXTRA).</summary>
public enum UnknownMessageHandling
{
    /// <summary>Deliver it raw (<see cref="MavlinkFrame.IsKnown"/> false) so a router can forward it. It is accepted only when the frame after it checks out (an intact known frame, or one more unknown-id frame and then an intact known frame, or the end of the stream) and no intact known frame starts inside it, so noise and damaged headers are not mistaken for frames.</summary>
    Deliver,

    /// <summary>Count it and skip it.</summary>
    Skip,
}
