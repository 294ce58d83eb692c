using System.Text;
using System.Text.Unicode;

namespace StrategicTech.Drivers.Mavlink;

/// <summary>MAVLink char[N] fields: UTF-8 (ASCII in practice), NUL-padded, not necessarily NUL-terminated when full.</summary>
public static class MavlinkText
{
    /// <summary>Bytes up to the first NUL.</summary>
    public static ReadOnlySpan<byte> Trim(ReadOnlySpan<byte> field)
    {
        int end = field.IndexOf((byte)0);
        return end < 0 ? field : field[..end];
    }

    /// <summary>Decodes into <paramref name="destination"/> without allocating; invalid UTF-8 becomes U+FFFD. Returns chars written (truncated to fit).</summary>
    public static int Decode(ReadOnlySpan<byte> field, Span<char> destination)
    {
        Utf8.ToUtf16(Trim(field), destination, out _, out int written, replaceInvalidSequences: true, isFinalBlock: true);
        return written;
    }

    /// <summary>Decodes to a new string (allocates: for logs and UIs).</summary>
    public static string ToString(ReadOnlySpan<byte> field) => Encoding.UTF8.GetString(Trim(field));

    /// <summary>Encodes <paramref name="value"/> as UTF-8 into the field, truncating at a character boundary, and NUL-pads the rest.</summary>
    public static void Encode(ReadOnlySpan<char> value, Span<byte> field)
    {
        Utf8.FromUtf16(value, field, out _, out int written, replaceInvalidSequences: true, isFinalBlock: true);
        field[written..].Clear();
    }
}
