namespace StrategicTech.Autopilot.Runtime;

/// <summary>
/// Timing of one scheduled task. Start jitter is (actual start − scheduled tick time): it includes the time the
/// tasks ahead of it in the same tick took. An overrun is a run that finished after the task's next release
/// (scheduled time + period).
/// </summary>
public readonly record struct TaskStatistics(
    string Name,
    int RateHz,
    int Priority,
    long Runs,
    long Overruns,
    long ExecP50Us,
    long ExecP99Us,
    long ExecMaxUs,
    double ExecMeanUs,
    long JitterP50Us,
    long JitterP99Us,
    long JitterMaxUs);
