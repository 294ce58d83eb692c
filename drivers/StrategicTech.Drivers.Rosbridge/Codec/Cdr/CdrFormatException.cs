namespace StrategicTech.Drivers.Rosbridge.Codec.Cdr;

/// <summary>A CDR payload that cannot be decoded: names the field and the byte offset (from the encapsulation header's end).</summary>
public sealed class CdrFormatException : FormatException
{
    public CdrFormatException()
    {
    }

    public CdrFormatException(string message)
        : base(message)
    {
    }

    public CdrFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
