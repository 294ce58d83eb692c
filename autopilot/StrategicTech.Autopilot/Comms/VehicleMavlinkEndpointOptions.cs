using StrategicTech.Autopilot.Parameters;
using StrategicTech.Drivers.Mavlink.Dialects.Minimal;

namespace StrategicTech.Autopilot.Comms;

/// <summary>Start-up settings of a <see cref="VehicleMavlinkEndpoint"/>.</summary>
public sealed record VehicleMavlinkEndpointOptions
{
    /// <summary>HEARTBEAT type: <see cref="MavType.Quadrotor"/> or <see cref="MavType.Hexarotor"/>.</summary>
    public MavType VehicleType { get; init; } = MavType.Quadrotor;

    /// <summary>Parameters served over the parameter protocol (none when null).</summary>
    public ParameterStore? Parameters { get; init; }

    /// <summary>Called after each accepted PARAM_SET, e.g. <c>store => store.SaveFile(path)</c>.</summary>
    public Action<ParameterStore>? PersistParameters { get; init; }

    /// <summary>AUTOPILOT_VERSION uid (unique per vehicle; SITL uses the system id).</summary>
    public ulong Uid { get; init; } = 1;

    /// <summary>
    /// Signing policy details. Signing itself is on when the node signs (it was given a <c>MavlinkSigner</c>): then
    /// incoming frames must be signed with the same key, except as these options allow. Setting them on a node that
    /// does not sign is an error.
    /// </summary>
    public VehicleSigningOptions? Signing { get; init; }

    /// <summary>Mission, fence and rally capacity (items per list).</summary>
    public int MissionCapacity { get; init; } = 500;

    /// <summary>
    /// The mission the vehicle holds (read when its version changes), served to ground-station downloads whoever
    /// uploaded it; null serves only what was uploaded over this link.
    /// </summary>
    public Func<IReadOnlyList<StrategicTech.Navigation.Missions.MissionItem>>? VehicleMission { get; init; }

    /// <summary>The version AUTOPILOT_VERSION reports (default: this autopilot build's assembly version).</summary>
    public FirmwareVersion Version { get; init; } = FirmwareVersion.Current;
}
