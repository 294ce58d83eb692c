namespace StrategicTech.Navigation.Logs;

/// <summary>ULog message type byte (the ASCII letter in each message header), per the PX4 ULog file format spec.</summary>
public enum ULogMessageType : byte
{
    FlagBits = (byte)'B',
    Format = (byte)'F',
    Info = (byte)'I',
    MultiInfo = (byte)'M',
    Parameter = (byte)'P',
    DefaultParameter = (byte)'Q',
    AddSubscription = (byte)'A',
    RemoveSubscription = (byte)'R',
    Data = (byte)'D',
    Logging = (byte)'L',
    LoggingTagged = (byte)'C',
    Sync = (byte)'S',
    Dropout = (byte)'O',
}
