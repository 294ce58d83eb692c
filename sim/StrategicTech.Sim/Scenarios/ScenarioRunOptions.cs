using StrategicTech.Navigation.Time;
using StrategicTech.Sim.Lockstep;

namespace StrategicTech.Sim.Scenarios;

/// <summary>How to run a scenario: overrides of the file (vehicle count, seed) and the pacing.</summary>
public sealed record ScenarioRunOptions
{
    /// <summary>Fly this many copies of the scenario's first vehicle (system ids 1..N, homes 5 m apart eastward); null keeps the file's vehicles.</summary>
    public int? VehicleCount { get; init; }

    /// <summary>Replaces the scenario seed (and every vehicle's own seeds: vehicle i gets seed + i).</summary>
    public ulong? Seed { get; init; }

    /// <summary>
    /// Interactive vehicles (<c>sitl vehicle</c>): the runner uploads, arms and starts nothing, and a vehicle never
    /// finishes by itself; the run lasts until <see cref="Cancellation"/> or the time limit.
    /// </summary>
    public bool Interactive { get; init; }

    /// <summary>Simulated seconds per wall second; null = as fast as possible (lockstep at maximum speed).</summary>
    public double? SpeedFactor { get; init; }

    /// <summary>The wall clock for pacing and timing figures (default: the host's monotonic clock).</summary>
    public IClock? WallClock { get; init; }

    /// <summary>
    /// When paced (<see cref="SpeedFactor"/> set): first fly a throwaway copy of the scenario at full speed, without
    /// attachments, so every method of the loop is compiled before real time starts (the first ticks otherwise pay
    /// tens of milliseconds of JIT, the run's worst lateness). The paced run's outputs are unchanged. Default true;
    /// ignored for an <see cref="Interactive"/> run, which never finishes by itself.
    /// </summary>
    public bool WarmUpBeforePacing { get; init; } = true;

    /// <summary>
    /// Stops the run early (Ctrl+C, SIGTERM): checked every tick; the result then covers what ran, with
    /// <see cref="ScenarioResult.Interrupted"/> set, and the attachments are disposed (tlogs flushed) as after a normal end.
    /// </summary>
    public CancellationToken Cancellation { get; init; }

    /// <summary>Called about once per simulated second (and at the end) with the run's progress.</summary>
    public Action<ScenarioProgress>? Progress { get; init; }

    /// <summary>
    /// The attachment point for anything that rides along a vehicle (MAVLink endpoint, tlog writer): called once
    /// per vehicle after it is built, with its spec and 0-based index.
    /// </summary>
    public Func<SitlVehicle, ScenarioVehicle, int, IVehicleAttachment?>? Attach { get; init; }

    /// <summary>How each vehicle's autopilot meets the simulator; null: plain SITL (hardware-in-the-loop passes drivers on simulated buses).</summary>
    public Func<SitlBindingContext, ISitlIoBinding>? Binding { get; init; }

    /// <summary>
    /// Tune each vehicle's EKF to the simulated sensors (<see cref="Lockstep.SitlEkfTuning"/>: GNSS velocity floor of the
    /// receiver, heading noise of the compass). On by default for every run (scenarios, suites, the demo, interactive
    /// vehicles, batches); false keeps the EKF's PX4-like defaults (allowances for unknown hardware), whose stated
    /// velocity and yaw variance are several times the actual error's in SITL (hover velocity NEES 0.13–0.30).
    /// </summary>
    public bool MatchEkfToSensors { get; init; } = true;

    /// <summary>
    /// With <see cref="MatchEkfToSensors"/>, also set the EKF's accelerometer and gyro white noise from the simulated
    /// IMU (<see cref="Lockstep.SitlEkfTuning.MatchImu"/>): it brings hover velocity NEES into its 95 % interval. On by
    /// default; false keeps the EKF's PX4-like 0.35 m/s² and 0.015 rad/s.
    /// </summary>
    public bool MatchEkfImuNoise { get; init; } = true;
}

/// <summary>Progress of a run: simulated time against the time limit and how many vehicles are done.</summary>
public readonly record struct ScenarioProgress(double SimulatedS, double TimeLimitS, int VehiclesDone, int VehicleCount, string Status);
