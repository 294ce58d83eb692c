namespace StrategicTech.Autopilot.Companion;

/// <summary>How the companion flies and when its failsafe acts. Times in µs on the injected clock.</summary>
public sealed record CompanionOptions
{
    /// <summary>The companion's own MAVLink address (MAV_COMP_ID_ONBOARD_COMPUTER = 191).</summary>
    public byte SystemId { get; init; } = 245;

    public byte ComponentId { get; init; } = 191;

    /// <summary>Tick and setpoint rate (≥ 20 Hz; PX4 wants more than 2 Hz, MAVROS and MAVSDK stream at 20-50 Hz).</summary>
    public int RateHz { get; init => field = value is >= 20 and <= 1000 ? value : throw new ArgumentOutOfRangeException(nameof(RateHz), value, "setpoint rate must be 20..1000 Hz"); } = 50;

    /// <summary>Height above home the takeoff climbs to (m).</summary>
    public double TakeoffHeightM { get; init => field = value is >= 1 and <= 500 ? value : throw new ArgumentOutOfRangeException(nameof(TakeoffHeightM), value, "takeoff height must be 1..500 m"); } = 5;

    /// <summary>Route speed (m/s).</summary>
    public double CruiseSpeedMps { get; init => field = value is > 0 and <= 20 ? value : throw new ArgumentOutOfRangeException(nameof(CruiseSpeedMps), value, "cruise speed must be in (0, 20] m/s"); } = 5;

    /// <summary>Streamed climb rate for the PX4 takeoff (m/s).</summary>
    public double ClimbSpeedMps { get; init; } = 1.5;

    /// <summary>Speed at route corners and the final stop; the setpoint slows towards them at <see cref="DecelerationMps2"/>.</summary>
    public double CornerSpeedMps { get; init; } = 1;

    public double DecelerationMps2 { get; init; } = 1.5;

    /// <summary>The route setpoint never runs further ahead of the vehicle than this (m), so it waits for a vehicle held back by wind.</summary>
    public double MaxLeadM { get; init; } = 4;

    /// <summary>A route point or the takeoff height counts as reached within this distance (m).</summary>
    public double AcceptanceRadiusM { get; init; } = 0.5;

    /// <summary>How long setpoints stream before the OFFBOARD request (PX4).</summary>
    public long PreStreamUs { get; init; } = 1_000_000;

    /// <summary>FC heartbeat silence that counts as link loss (QGroundControl and MAVSDK use 3 s).</summary>
    public long HeartbeatTimeoutUs { get; init; } = 3_000_000;

    /// <summary>Silence of every FC stream (telemetry and heartbeat) that counts as link loss.</summary>
    public long LinkTimeoutUs { get; init; } = 1_000_000;

    /// <summary>LOCAL_POSITION_NED silence, while other frames still arrive, that counts as a stale position.</summary>
    public long PositionTimeoutUs { get; init; } = 1_000_000;

    /// <summary>Longest gap between two of our setpoints before the stream counts as degraded (5 periods at 20 Hz).</summary>
    public long StreamTimeoutUs { get; init; } = 250_000;

    /// <summary>COMMAND_ACK wait per transmission and retransmissions (MAVSDK: 0.5 s; QGroundControl 3 s).</summary>
    public long CommandTimeoutUs { get; init; } = 1_000_000;

    public int CommandRetries { get; init; } = 3;

    /// <summary>After an ACK, how long the HEARTBEAT may take to show the new mode or armed state before the request is repeated.</summary>
    public long ConfirmTimeoutUs { get; init; } = 2_000_000;

    /// <summary>How often a handshake is tried (TEMPORARILY_REJECTED, or no confirmation) before the companion gives up.</summary>
    public int HandshakeAttempts { get; init; } = 5;

    /// <summary>Land at the end of the route (else hover at its last point and complete).</summary>
    public bool LandAtEnd { get; init; } = true;

    /// <summary>After a link loss, when the FC is heard again with a fresh position: take over again and resume the route.</summary>
    public bool ResumeAfterLinkLoss { get; init; } = true;

    public long PeriodUs => 1_000_000L / RateHz;
}
