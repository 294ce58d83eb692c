namespace StrategicTech.Autopilot.Comms;

/// <summary>
/// The vehicle's signing policy beyond "signed or refused" (MAVLink signing spec, "accepting unsigned packets"):
/// which physical links may carry unsigned frames (a USB cable is physical access to the vehicle anyway) and which
/// message ids are taken unsigned from any link (e.g. RADIO_STATUS, injected by a radio that cannot sign).
/// </summary>
public sealed record VehicleSigningOptions
{
    /// <summary>Channels (as the host names them to <c>MavlinkNode.Receive(frame, channel)</c>) whose unsigned frames, MAVLink 1 included, are accepted.</summary>
    public IReadOnlyList<byte> UnsignedChannels { get; init; } = [];

    /// <summary>Message ids accepted unsigned (MAVLink 2 only) from any channel. Never put a command here.</summary>
    public IReadOnlyList<uint> UnsignedMessageIds { get; init; } = [];
}
