namespace StrategicTech.Drivers.Mavlink;

/// <summary>How a link treats incoming frames once it has a signing key.</summary>
public enum MavlinkSigningPolicy
{
    /// <summary>Signed frames are verified; unsigned MAVLink 2 and MAVLink 1 frames are accepted too.</summary>
    Accept,

    /// <summary>Only correctly signed frames are accepted, except unsigned MAVLink 2 frames of allow-listed ids; MAVLink 1 is always rejected (CVE-2020-10283 downgrade).</summary>
    Require,
}
