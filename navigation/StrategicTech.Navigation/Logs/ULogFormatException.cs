namespace StrategicTech.Navigation.Logs;

/// <summary>
/// The one exception the ULog reader throws for malformed input: it names the byte offset of the offending
/// message in the file and its message type (null when the fault is in the file header).
/// </summary>
public sealed class ULogFormatException : Exception
{
    public ULogFormatException()
    {
    }

    public ULogFormatException(string message)
        : base(message)
    {
    }

    public ULogFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public ULogFormatException(long offset, ULogMessageType? messageType, string detail)
        : base(Describe(offset, messageType, detail))
    {
        Offset = offset;
        MessageType = messageType;
    }

    /// <summary>Byte offset of the message (its header) in the file.</summary>
    public long Offset { get; }

    /// <summary>Type of the offending message; null for the file header.</summary>
    public ULogMessageType? MessageType { get; }

    internal static string Describe(long offset, ULogMessageType? type, string detail)
    {
        string what = type is null ? "file header" : $"'{(char)type.Value}' ({type.Value}) message";
        return $"ULog: {what} at byte offset {offset}: {detail}";
    }
}
