using StrategicTech.Autopilot.Amr;

namespace StrategicTech.Sim.Amr;

/// <summary>
/// A rosbridge server outage in a demo run: at <paramref name="AtUs"/> of simulated time after the first goal starts
/// the robot's server stops for <paramref name="DurationUs"/> of simulated time, then listens again on its port.
/// </summary>
public sealed record LinkOutage(long AtUs, long DurationUs);

/// <summary>
/// What happened in one <see cref="LinkOutage"/>, from the simulator's truth and the link's counters. Times are
/// simulated and relative to the outage start.
/// </summary>
/// <param name="StartUs">Simulated time the server stopped.</param>
/// <param name="SpeedAtStartMps">Truth forward speed when the server stopped.</param>
/// <param name="StoppedAfterUs">Time until the base stood still (forward and turn rate zero); null if it never did.</param>
/// <param name="DistanceWhileDownM">Truth distance the base travelled during the outage.</param>
/// <param name="MaxCommandWhileDownMps">Largest |forward speed| the control loop commanded during the outage.</param>
/// <param name="LastMotionCommandUs">Time of the last non-zero command the control loop gave during the outage (it commands zero once its sensors are stale); null if none.</param>
/// <param name="StateAtEnd">The navigator's state at the end of the outage (the goal is held, not failed).</param>
/// <param name="CommandsNotSent">cmd_vel messages the control loop published during the outage that never went out (the publisher discards at the reconnect what waited).</param>
/// <param name="CommandsDeliveredLate">cmd_vel messages the robot received from the outage start until the client had re-registered (stale commands; 0 expected).</param>
/// <param name="ClientConnections">The client's connection count once it had re-registered.</param>
/// <param name="Reconnected">The client saw the link drop, then reconnected, and the new server had its /cmd_vel advertisement and /odom, /imu and /scan subscriptions, within the wait bounds.</param>
public sealed record LinkOutageResult(
    long StartUs,
    double SpeedAtStartMps,
    long? StoppedAfterUs,
    double DistanceWhileDownM,
    double MaxCommandWhileDownMps,
    long? LastMotionCommandUs,
    NavigationState StateAtEnd,
    long CommandsNotSent,
    long CommandsDeliveredLate,
    long ClientConnections,
    bool Reconnected);
