namespace StrategicTech.Drivers.Rosbridge.Client;

/// <summary>What the client saw on the link, for health reports. Updated with interlocked operations.</summary>
public sealed class RosbridgeCounters
{
    internal long FramesReceivedValue;
    internal long InvalidJsonValue;
    internal long InvalidCborValue;
    internal long UnknownOpValue;
    internal long WrongTypeValue;
    internal long FragmentErrorsValue;
    internal long MissingFieldValue;
    internal long ConnectionsValue;
    internal long CborFallbacksValue;
    internal long StatusMessagesValue;
    internal long SendFailuresValue;
    internal long HandlerFailuresValue;
    internal long FallbackChecksValue;

    public long FramesReceived => Volatile.Read(ref FramesReceivedValue);

    public long InvalidJson => Volatile.Read(ref InvalidJsonValue);

    public long InvalidCbor => Volatile.Read(ref InvalidCborValue);

    public long UnknownOp => Volatile.Read(ref UnknownOpValue);

    public long WrongType => Volatile.Read(ref WrongTypeValue);

    public long FragmentErrors => Volatile.Read(ref FragmentErrorsValue);

    /// <summary>Typed messages rejected because a required field was missing (or null).</summary>
    public long MissingField => Volatile.Read(ref MissingFieldValue);

    /// <summary>Successful connects (1 + reconnects).</summary>
    public long Connections => Volatile.Read(ref ConnectionsValue);

    /// <summary>Subscriptions moved from CBOR to JSON because the server failed to deliver CBOR.</summary>
    public long CborFallbacks => Volatile.Read(ref CborFallbacksValue);

    /// <summary>Informational <c>status</c> ops received (ROS 2 rosbridge only; never waited for).</summary>
    public long StatusMessages => Volatile.Read(ref StatusMessagesValue);

    public long SendFailures => Volatile.Read(ref SendFailuresValue);

    /// <summary>Exceptions thrown by consumers' <c>Received</c> handlers: counted, never fatal to the receive loop.</summary>
    public long HandlerFailures => Volatile.Read(ref HandlerFailuresValue);

    /// <summary>Runs of the CBOR fallback check (one per <see cref="RosbridgeClientOptions.CborFallbackCheckPeriod"/> while connected).</summary>
    public long FallbackChecks => Volatile.Read(ref FallbackChecksValue);

    /// <summary>The most recent handler exception's message (null until one occurs).</summary>
    public string? LastHandlerError { get; internal set; }

    public long BadFrames => InvalidJson + InvalidCbor + UnknownOp + WrongType + FragmentErrors + MissingField;

    /// <summary>The most recent bad-frame reason (null until one occurs).</summary>
    public string? LastError { get; internal set; }
}
