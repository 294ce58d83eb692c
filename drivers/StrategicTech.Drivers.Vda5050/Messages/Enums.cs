using System.Text.Json.Serialization;

namespace StrategicTech.Drivers.Vda5050.Messages;

[JsonConverter(typeof(JsonStringEnumConverter<BlockingType>))]
public enum BlockingType
{
    [JsonStringEnumMemberName("NONE")]
    None,
    [JsonStringEnumMemberName("SOFT")]
    Soft,
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
}

[JsonConverter(typeof(JsonStringEnumConverter<ErrorLevel>))]
public enum ErrorLevel
{
    [JsonStringEnumMemberName("WARNING")]
    Warning,
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
