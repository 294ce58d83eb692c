using System.Text.Json.Serialization;

namespace StrategicTech.Drivers.Vda5050.Messages;

[JsonConverter(typeof(JsonStringEnumConverter<BlockingType>))]
public enum BlockingType
{
    [JsonStringEnumMemberName("NONE")]
    None,
    [JsonStringEnumMemberName("SOFT")]
    Soft,

    /// <summary>3.0 only: no other action may run beside it, but driving may continue.</summary>
    [JsonStringEnumMemberName("SINGLE")]
    Single,
    [JsonStringEnumMemberName("HARD")]
    Hard,
}

[JsonConverter(typeof(JsonStringEnumConverter<ConnectionState>))]
public enum ConnectionState
{
    [JsonStringEnumMemberName("ONLINE")]
    Online,
    [JsonStringEnumMemberName("OFFLINE")]
    Offline,
    [JsonStringEnumMemberName("CONNECTIONBROKEN")]
    ConnectionBroken,
}

[JsonConverter(typeof(JsonStringEnumConverter<ActionStatus>))]
public enum ActionStatus
{
    [JsonStringEnumMemberName("WAITING")]
    Waiting,
    [JsonStringEnumMemberName("INITIALIZING")]
    Initializing,
    [JsonStringEnumMemberName("RUNNING")]
    Running,

    /// <summary>3.0 only.</summary>
    [JsonStringEnumMemberName("PAUSED")]
    Paused,

    /// <summary>3.0 only: failed, and the master may ask for a retry (retriable actions).</summary>
    [JsonStringEnumMemberName("RETRIABLE")]
    Retriable,
    [JsonStringEnumMemberName("FINISHED")]
    Finished,
    [JsonStringEnumMemberName("FAILED")]
    Failed,
}

[JsonConverter(typeof(JsonStringEnumConverter<OperatingMode>))]
public enum OperatingMode
{
    [JsonStringEnumMemberName("AUTOMATIC")]
    Automatic,
    [JsonStringEnumMemberName("SEMIAUTOMATIC")]
    Semiautomatic,
    [JsonStringEnumMemberName("MANUAL")]
    Manual,
    [JsonStringEnumMemberName("SERVICE")]
    Service,
    [JsonStringEnumMemberName("TEACHIN")]
    Teachin,

    /// <summary>3.0 only.</summary>
    [JsonStringEnumMemberName("STARTUP")]
    Startup,

    /// <summary>3.0 only.</summary>
    [JsonStringEnumMemberName("INTERVENED")]
    Intervened,
}

[JsonConverter(typeof(JsonStringEnumConverter<ErrorLevel>))]
public enum ErrorLevel
{
    [JsonStringEnumMemberName("WARNING")]
    Warning,

    /// <summary>3.0 only.</summary>
    [JsonStringEnumMemberName("URGENT")]
    Urgent,

    /// <summary>3.0 only.</summary>
    [JsonStringEnumMemberName("CRITICAL")]
    Critical,
    [JsonStringEnumMemberName("FATAL")]
    Fatal,
}

[JsonConverter(typeof(JsonStringEnumConverter<InfoLevel>))]
public enum InfoLevel
{
    [JsonStringEnumMemberName("INFO")]
    Info,
    [JsonStringEnumMemberName("DEBUG")]
    Debug,
}

[JsonConverter(typeof(JsonStringEnumConverter<EStop>))]
public enum EStop
{
    [JsonStringEnumMemberName("AUTOACK")]
    AutoAck,
    [JsonStringEnumMemberName("MANUAL")]
    Manual,
    [JsonStringEnumMemberName("REMOTE")]
    Remote,
    [JsonStringEnumMemberName("NONE")]
    None,
}

[JsonConverter(typeof(JsonStringEnumConverter<MapStatus>))]
public enum MapStatus
{
    [JsonStringEnumMemberName("ENABLED")]
    Enabled,
    [JsonStringEnumMemberName("DISABLED")]
    Disabled,
}

[JsonConverter(typeof(JsonStringEnumConverter<CorridorRefPoint>))]
public enum CorridorRefPoint
{
    [JsonStringEnumMemberName("KINEMATICCENTER")]
    KinematicCenter,
    [JsonStringEnumMemberName("CONTOUR")]
    Contour,
}

/// <summary>3.0 corridor: what the robot does when its release of a corridor expires or is revoked.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ReleaseLossBehavior>))]
public enum ReleaseLossBehavior
{
    [JsonStringEnumMemberName("STOP")]
    Stop,
    [JsonStringEnumMemberName("RETURN")]
    Return,
}
