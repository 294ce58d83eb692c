namespace StrategicTech.Drivers.Rosbridge.Protocol;

/// <summary>Why a received frame was rejected; each kind has its own counter.</summary>
public enum RosbridgeFrameError
{
    InvalidJson,
    InvalidCbor,
    UnknownOp,
    WrongType,
    Fragment,

    /// <summary>A typed message lacks a required field (the message names type and field path).</summary>
    MissingField,
}

/// <summary>A frame that cannot be used; counted and reported by the receiver, never fatal to it.</summary>
public sealed class RosbridgeFrameException : Exception
{
    public RosbridgeFrameException()
    {
    }

    public RosbridgeFrameException(string message)
        : base(message)
    {
    }

    public RosbridgeFrameException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public RosbridgeFrameException(RosbridgeFrameError error, string message)
        : base(message)
    {
        Error = error;
    }

    public RosbridgeFrameError Error { get; }
}
