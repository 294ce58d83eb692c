using StrategicTech.Drivers.Mavlink.Microservices.Parameters;

namespace StrategicTech.GroundStation.Parameters;

/// <summary>What happened on the parameter protocol, handed from the link threads to the render thread.</summary>
public enum ParameterEventKind
{
    /// <summary>A PARAM_VALUE arrived (download, echo of a set, or unsolicited).</summary>
    Value,

    /// <summary>A whole-list download finished with every index present.</summary>
    DownloadComplete,

    /// <summary>A download gave up; <see cref="ParameterEvent.Message"/> says which indices are missing.</summary>
    DownloadFailed,

    /// <summary>A set was echoed with the new value.</summary>
    SetAccepted,

    /// <summary>A set failed: the vehicle echoed another value (refused) or never answered.</summary>
    SetFailed,
}

/// <summary>One parameter event for (system, component).</summary>
public readonly record struct ParameterEvent(
    ParameterEventKind Kind,
    byte SystemId,
    byte ComponentId,
    string Name,
    int Index,
    int Count,
    ParameterValue Value,
    string Message);
