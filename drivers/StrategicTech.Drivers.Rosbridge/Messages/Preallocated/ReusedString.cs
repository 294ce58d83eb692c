using System.Text;

namespace StrategicTech.Drivers.Rosbridge.Messages.Preallocated;

/// <summary>
/// A string field decoded into a preallocated message: the string is rebuilt only when its UTF-8 bytes change, so a
/// stream of messages with the same frame id decodes without allocating.
/// </summary>
public sealed class ReusedString
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
    private byte[] _utf8 = new byte[32];
    private int _length;

    public string Value { get; private set; } = "";

    /// <summary>Sets the value from UTF-8 bytes; throws <see cref="DecoderFallbackException"/> on invalid UTF-8.</summary>
    public void Set(ReadOnlySpan<byte> utf8)
    {
        if (utf8.SequenceEqual(_utf8.AsSpan(0, _length)))
        {
            return;
        }

        Value = StrictUtf8.GetString(utf8);
        if (utf8.Length > _utf8.Length)
        {
            _utf8 = new byte[utf8.Length];
        }

        utf8.CopyTo(_utf8);
        _length = utf8.Length;
    }

    public override string ToString() => Value;
}
