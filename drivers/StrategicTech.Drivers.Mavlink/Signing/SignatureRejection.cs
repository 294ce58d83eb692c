namespace StrategicTech.Drivers.Mavlink;

/// <summary>Why the signing policy refused a frame.</summary>
public enum SignatureRejection
{
    None,
    BadSignature,
    Replayed,
    Stale,
    Unsigned,
    MavlinkV1,
}
