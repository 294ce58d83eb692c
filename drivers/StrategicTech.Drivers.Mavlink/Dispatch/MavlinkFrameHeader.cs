namespace StrategicTech.Drivers.Mavlink;

/// <summary>Who sent a frame and how, copied out of the frame so that handlers can keep it (unlike the frame's spans).</summary>
public readonly record struct MavlinkFrameHeader(
    byte SystemId,
    byte ComponentId,
    byte Sequence,
    uint MessageId,
    byte Version,
    bool IsSigned,
    byte LinkId,
    long ReceivedUs)
{
    public static MavlinkFrameHeader From(in MavlinkFrame frame, long receivedUs) =>
        new(frame.SystemId, frame.ComponentId, frame.Sequence, frame.MessageId, (byte)frame.Version, frame.IsSigned, frame.LinkId, receivedUs);
}
