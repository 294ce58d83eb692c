namespace StrategicTech.Autopilot.Vehicles;

/// <summary>How a vehicle is exposed over MAVLink (ports and ids as PX4 SITL; see sim/StrategicTech.Sim/Mavlink/README.md).</summary>
public sealed record VehicleMavlinkLinkOptions
{
    /// <summary>First vehicle's command port (PX4 SITL's 14580 + instance); the vehicle binds 127.0.0.1 here.</summary>
    public const int BasePort = 14580;

    /// <summary>Where the vehicle sends unasked, as PX4 SITL does: QGroundControl listens here by default.</summary>
    public const int GroundStationPort = 14550;

    /// <summary>1 Jan 2026 00:00:00 UTC in Unix µs: tlog times are sim time plus this, so a run logs the same bytes each time.</summary>
    public const long DefaultTlogEpochUnixUs = 1_767_225_600_000_000;

    /// <summary>Vehicle index for multi-vehicle runs: system id and port default from it.</summary>
    public int Instance { get; init; }

    /// <summary>MAVLink system id (default 1 + <see cref="Instance"/>).</summary>
    public byte? SystemId { get; init; }

    /// <summary>Open a UDP socket (false: in-memory only, fully deterministic).</summary>
    public bool Udp { get; init; } = true;

    /// <summary>Local address to bind, <c>udpin://127.0.0.1:port</c> (default port <see cref="BasePort"/> + instance; 0 = any free port).</summary>
    public string? Bind { get; init; }

    /// <summary>Ground station to send to, <c>udpout://127.0.0.1:14550</c> by default; empty string: none (answer peers only).</summary>
    public string? Remote { get; init; }

    /// <summary>Writes a .tlog of both directions to this path (created/truncated).</summary>
    public string? TlogPath { get; init; }

    /// <summary>Or to this stream (left open).</summary>
    public Stream? TlogStream { get; init; }

    public long TlogEpochUnixUs { get; init; } = DefaultTlogEpochUnixUs;

    /// <summary>
    /// Lockstep simulation: when the tlog writer's queue is full the loop waits for it instead of dropping records,
    /// so a run at maximum speed logs every byte (a simulation has no deadline). Off for real time: records are dropped
    /// and counted (<see cref="VehicleMavlinkLink.DroppedTlogBytes"/>).
    /// </summary>
    public bool WaitForLogWriter { get; init; }

    /// <summary>Parameter file: loaded at attach when it exists, rewritten (from a background thread) after accepted PARAM_SETs.</summary>
    public string? ParameterFile { get; init; }

    /// <summary>Rate of the loop task that drains received frames and runs the endpoint (must divide 1000 Hz).</summary>
    public int RateHz { get; init; } = 50;

    public byte ResolvedSystemId => SystemId ?? (byte)Math.Clamp(1 + Instance, 1, 250);
}
