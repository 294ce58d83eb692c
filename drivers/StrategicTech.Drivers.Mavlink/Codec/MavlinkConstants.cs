namespace StrategicTech.Drivers.Mavlink;

/// <summary>Framing constants of MAVLink 1 and 2 (serialization spec).</summary>
public static class MavlinkConstants
{
    public const byte MagicV1 = 0xFE;
    public const byte MagicV2 = 0xFD;

    /// <summary>STX, len, seq, sysid, compid, msgid.</summary>
    public const int HeaderLengthV1 = 6;

    /// <summary>STX, len, incompat, compat, seq, sysid, compid, msgid (3 bytes).</summary>
    public const int HeaderLengthV2 = 10;

    public const int ChecksumLength = 2;

    /// <summary>link id (1), timestamp (6), signature (6).</summary>
    public const int SignatureLength = 13;

    public const int MaxPayloadLength = 255;

    /// <summary>Largest possible frame: a signed MAVLink 2 frame with a 255-byte payload.</summary>
    public const int MaxFrameLength = HeaderLengthV2 + MaxPayloadLength + ChecksumLength + SignatureLength;

    /// <summary>incompat_flags bit: the frame carries a signature.</summary>
    public const byte IncompatFlagSigned = 0x01;

    /// <summary>SETUP_SIGNING carries the secret key: never forward it to other links and never log it.</summary>
    public const uint SetupSigningMessageId = 256;
}
