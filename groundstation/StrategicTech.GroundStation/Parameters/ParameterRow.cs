using StrategicTech.Drivers.Mavlink.Microservices.Parameters;

namespace StrategicTech.GroundStation.Parameters;

/// <summary>Where a parameter's last edit stands.</summary>
public enum ParameterEditState
{
    /// <summary>No edit pending: the value is what the vehicle reported.</summary>
    Synced,

    /// <summary>PARAM_SET sent, waiting for the echo.</summary>
    Sending,

    /// <summary>The vehicle echoed the new value.</summary>
    Accepted,

    /// <summary>The vehicle kept another value or never answered; <see cref="ParameterRow.Note"/> says which.</summary>
    Failed,
}

/// <summary>One parameter of one vehicle as the table shows it.</summary>
public sealed class ParameterRow(string name, byte componentId)
{
    public string Name { get; } = name;

    public byte ComponentId { get; } = componentId;

    public int Index { get; set; } = -1;

    /// <summary>The last value the vehicle reported (download or echo).</summary>
    public ParameterValue Value { get; set; }

    /// <summary>The value we asked for, while <see cref="State"/> is Sending or Failed.</summary>
    public ParameterValue Requested { get; set; }

    public ParameterEditState State { get; set; }

    /// <summary>The last outcome in words ("vehicle holds 3" …).</summary>
    public string Note { get; set; } = string.Empty;
}
