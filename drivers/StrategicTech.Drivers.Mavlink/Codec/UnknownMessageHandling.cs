namespace StrategicTech.Drivers.Mavlink;

/// <summary>What the parser does with a frame whose id is not in its dialect (its CRC cannot be checked without CRC_EXTRA).</summary>
public enum UnknownMessageHandling
{
    /// <summary>Deliver it raw (<see cref="MavlinkFrame.IsKnown"/> false) so a router can forward it. It is accepted only when the next byte starts a frame (or the stream ends), so noise is not mistaken for a frame.</summary>
    Deliver,

    /// <summary>Count it and skip it.</summary>
    Skip,
}
