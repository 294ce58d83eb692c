using System.Security.Cryptography;

namespace StrategicTech.Drivers.Mavlink;

/// <summary>
/// MAVLink 2 message signing primitives: signature = first 6 bytes of
/// SHA-256(secret key ‖ header ‖ payload ‖ CRC ‖ link id ‖ timestamp); timestamps count 10 µs since 2015-01-01 UTC.
/// Hashing runs over a stack buffer: nothing is allocated.
/// </summary>
public static class MavlinkSignature
{
    public const int KeyLength = 32;

    /// <summary>Unix time of 2015-01-01 00:00:00 UTC in microseconds: the signing epoch.</summary>
    public const long EpochUnixUs = 1_420_070_400_000_000;

    /// <summary>One minute in signing-timestamp units (10 µs).</summary>
    public const ulong OneMinute = 6_000_000;

    /// <summary>Signing timestamp (10 µs units since 2015) for a Unix time in microseconds; 0 before the epoch.</summary>
    public static ulong TimestampFromUnixUs(long unixUs) => unixUs <= EpochUnixUs ? 0 : (ulong)((unixUs - EpochUnixUs) / 10);

    public static ulong ReadTimestamp(ReadOnlySpan<byte> six) =>
        six[0] | ((ulong)six[1] << 8) | ((ulong)six[2] << 16) | ((ulong)six[3] << 24) | ((ulong)six[4] << 32) | ((ulong)six[5] << 40);

    public static void WriteTimestamp(Span<byte> six, ulong timestamp)
    {
        for (int i = 0; i < 6; i++)
        {
            six[i] = (byte)(timestamp >> (8 * i));
        }
    }

    /// <summary>
    /// Computes the 6-byte signature of <paramref name="signedPart"/> (the frame from STX through the link id and
    /// timestamp, i.e. everything but the last 6 bytes) into <paramref name="signature"/>.
    /// </summary>
    public static void Compute(ReadOnlySpan<byte> key, ReadOnlySpan<byte> signedPart, Span<byte> signature)
    {
        Span<byte> buffer = stackalloc byte[KeyLength + MavlinkConstants.MaxFrameLength];
        key.CopyTo(buffer);
        signedPart.CopyTo(buffer[KeyLength..]);
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(buffer[..(KeyLength + signedPart.Length)], hash);
        hash[..6].CopyTo(signature);
    }

    /// <summary>True when <paramref name="frame"/> is a signed MAVLink 2 frame whose signature matches <paramref name="key"/>.</summary>
    public static bool Verify(ReadOnlySpan<byte> key, ReadOnlySpan<byte> frame)
    {
        if (frame.Length < MavlinkConstants.HeaderLengthV2 + MavlinkConstants.ChecksumLength + MavlinkConstants.SignatureLength
            || frame[0] != MavlinkConstants.MagicV2 || (frame[2] & MavlinkConstants.IncompatFlagSigned) == 0)
        {
            return false;
        }

        Span<byte> expected = stackalloc byte[6];
        Compute(key, frame[..^6], expected);
        return CryptographicOperations.FixedTimeEquals(expected, frame[^6..]);
    }
}
