using System.Globalization;
using StrategicTech.Navigation.Numerics;

namespace StrategicTech.Navigation.Estimation.Uav.Replay;

/// <summary>A jump of the reference's position datum between two rows (e.g. an EKF2 height or position reset).</summary>
/// <param name="TimeUs">Time of the first row after the jump.</param>
/// <param name="StepNedM">The jump beyond what the reference's own velocity explains, NED m (components under the threshold are 0).</param>
public sealed record ReferenceDatumStep(long TimeUs, Vector3 StepNedM)
{
    /// <summary>Report line naming the time, the size and what was done.</summary>
    public string Describe() => string.Create(CultureInfo.InvariantCulture,
        $"reference datum change at {TimeUs / 1e6:F3} s: {(StepNedM.Z != 0 ? $"height step {-StepNedM.Z:+0.00;-0.00} m" : "")}{(StepNedM.Z != 0 && (StepNedM.X != 0 || StepNedM.Y != 0) ? ", " : "")}{(StepNedM.X != 0 || StepNedM.Y != 0 ? $"horizontal step ({StepNedM.X:F2}, {StepNedM.Y:F2}) m" : "")}; later rows re-referenced to the earlier datum");
}

/// <summary>
/// Finds datum changes in a reference run: a position step between consecutive rows that the reference's own velocity
/// does not explain (position minus the trapezoid integral of velocity), beyond a threshold, vertically and
/// horizontally apart. Such a step is the reference resetting its datum (EKF2 resetting its height to a new source,
/// or a harness's default baro giving a 365 m height jump), not motion: <see cref="Rereference"/> removes it so it is
/// not reported as our error.
/// </summary>
public static class ReferenceDatumSteps
{
    /// <summary>Default threshold, m: far above what trapezoid integration misses between rows at 1 Hz or faster in flight.</summary>
    public const double DefaultThresholdM = 2.0;

    public static List<ReferenceDatumStep> Detect(IReadOnlyList<ChangeIndicationRow> reference, double thresholdM = DefaultThresholdM)
    {
        ArgumentNullException.ThrowIfNull(reference);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(thresholdM);
        var steps = new List<ReferenceDatumStep>();
        ChangeIndicationRow? previous = null;
        foreach (ChangeIndicationRow row in reference)
        {
            if (!ReplayAlignment.IsInitialised(row))
            {
                previous = null;
                continue;
            }

            if (previous is not null && row.TimeUs > previous.TimeUs)
            {
                double dt = (row.TimeUs - previous.TimeUs) * 1e-6;
                Vector3 step = Position(row) - Position(previous) - ((Velocity(previous) + Velocity(row)) * (0.5 * dt));
                bool vertical = Math.Abs(step.Z) > thresholdM;
                bool horizontal = Math.Sqrt((step.X * step.X) + (step.Y * step.Y)) > thresholdM;
                if (vertical || horizontal)
                {
                    steps.Add(new ReferenceDatumStep(row.TimeUs, new Vector3(horizontal ? step.X : 0, horizontal ? step.Y : 0, vertical ? step.Z : 0)));
                }
            }

            previous = row;
        }

        return steps;
    }

    /// <summary>The rows with every step's jump removed from that row on, so the datum stays the first one's.</summary>
    public static List<ChangeIndicationRow> Rereference(IReadOnlyList<ChangeIndicationRow> reference, IReadOnlyList<ReferenceDatumStep> steps)
    {
        ArgumentNullException.ThrowIfNull(reference);
        ArgumentNullException.ThrowIfNull(steps);
        var rows = new List<ChangeIndicationRow>(reference.Count);
        Vector3 removed = Vector3.Zero;
        int next = 0;
        foreach (ChangeIndicationRow row in reference)
        {
            while (next < steps.Count && steps[next].TimeUs <= row.TimeUs)
            {
                removed += steps[next].StepNedM;
                next++;
            }

            if (removed == Vector3.Zero)
            {
                rows.Add(row);
                continue;
            }

            double[] state = (double[])row.State.Clone();
            state[7] -= removed.X;
            state[8] -= removed.Y;
            state[9] -= removed.Z;
            rows.Add(row with { State = state });
        }

        return rows;
    }

    private static Vector3 Position(ChangeIndicationRow r) => new(r.State[7], r.State[8], r.State[9]);

    private static Vector3 Velocity(ChangeIndicationRow r) => new(r.State[4], r.State[5], r.State[6]);
}
