using System.Globalization;
using StrategicTech.Navigation.Numerics;

namespace StrategicTech.Navigation.Estimation.Uav.Replay;

/// <summary>
/// Puts our estimate on the reference's delayed-horizon timestamps so a comparison measures the filter, not the
/// harness: our delayed-horizon trajectory (<see cref="Px4ReplayRunner.RunTrajectory"/>, indexed by the time each
/// state describes) is interpolated at each reference time minus a skew. The skew is how far the reference's stamps
/// run ahead of the state they describe (EKF2 stamps its delayed state with the publication time, about its horizon
/// later); it is estimated from velocity, the group that changes fastest in flight, by minimising the RMS velocity
/// difference over a grid of candidate skews and refining the minimum with a parabola. A ~110 ms skew turned a 1.2°
/// attitude maximum into 21° before alignment.
/// </summary>
public static class ReplayAlignment
{
    /// <summary>Largest skew searched by default, µs.</summary>
    public const long DefaultMaxSkewUs = 500_000;

    /// <summary>Grid step of the skew search, µs.</summary>
    public const long SkewStepUs = 5_000;

    /// <summary>
    /// Our state interpolated at each time in <paramref name="referenceTimesUs"/> minus <paramref name="skewUs"/>; a
    /// snapshot is marked not aligned where the trajectory does not cover that time. Snapshot times are the reference's.
    /// </summary>
    public static List<ReplaySnapshot> At(IReadOnlyList<ReplaySnapshot> trajectory, IReadOnlyList<long> referenceTimesUs, long skewUs)
    {
        ArgumentNullException.ThrowIfNull(trajectory);
        ArgumentNullException.ThrowIfNull(referenceTimesUs);
        var result = new List<ReplaySnapshot>(referenceTimesUs.Count);
        int j = 0;
        foreach (long t in referenceTimesUs)
        {
            long want = t - skewUs;
            if (trajectory.Count == 0 || want < trajectory[0].StateTimeUs || want > trajectory[^1].StateTimeUs)
            {
                result.Add(new ReplaySnapshot(t, false, default, want));
                continue;
            }

            // Reference times are usually ascending; restart the walk when they are not.
            if (j > 0 && trajectory[j].StateTimeUs > want)
            {
                j = 0;
            }

            while (j + 1 < trajectory.Count && trajectory[j + 1].StateTimeUs <= want)
            {
                j++;
            }

            ReplaySnapshot a = trajectory[j], b = trajectory[Math.Min(j + 1, trajectory.Count - 1)];
            double f = b.StateTimeUs > a.StateTimeUs ? (want - a.StateTimeUs) / (double)(b.StateTimeUs - a.StateTimeUs) : 0;
            result.Add(new ReplaySnapshot(t, a.Aligned && b.Aligned, Interpolate(a.State, b.State, f), want));
        }

        return result;
    }

    /// <summary>
    /// The skew (µs) that best aligns our trajectory with the reference rows inside [fromUs, toUs], searched in
    /// ±<paramref name="maxSkewUs"/>. Returns 0 when velocity does not tell skews apart (a vehicle at rest), i.e. the best
    /// candidate is less than 1 % better than no skew.
    /// </summary>
    public static long EstimateSkewUs(IReadOnlyList<ReplaySnapshot> trajectory, IReadOnlyList<ChangeIndicationRow> reference,
        long fromUs, long toUs, long maxSkewUs = DefaultMaxSkewUs)
    {
        ArgumentNullException.ThrowIfNull(trajectory);
        ArgumentNullException.ThrowIfNull(reference);
        var rows = reference.Where(r => r.TimeUs >= fromUs && r.TimeUs <= toUs && IsInitialised(r)).ToList();
        var times = rows.ConvertAll(r => r.TimeUs);
        int steps = (int)(maxSkewUs / SkewStepUs);
        var cost = new double[(2 * steps) + 1];
        for (int k = -steps; k <= steps; k++)
        {
            cost[k + steps] = VelocityMeanSquare(At(trajectory, times, k * SkewStepUs), rows);
        }

        int best = steps;
        for (int i = 0; i < cost.Length; i++)
        {
            if (cost[i] < cost[best])
            {
                best = i;
            }
        }

        if (!double.IsFinite(cost[best]) || !(cost[best] < 0.99 * cost[steps]))
        {
            return 0;
        }

        double offset = 0;
        if (best > 0 && best < cost.Length - 1)
        {
            // Vertex of the parabola through the minimum and its neighbours.
            double l = cost[best - 1], c = cost[best], r = cost[best + 1];
            double curvature = l - (2 * c) + r;
            offset = curvature > 0 ? 0.5 * (l - r) / curvature : 0;
        }

        return (long)Math.Round((best - steps + offset) * SkewStepUs);
    }

    /// <summary>Report line, e.g. "aligned on the reference's delayed-horizon timestamps: skew removed 110.0 ms".</summary>
    public static string Describe(long skewUs) => string.Create(CultureInfo.InvariantCulture,
        $"aligned on the reference's delayed-horizon timestamps: skew removed {skewUs / 1000.0:F1} ms (reference stamps run {(skewUs >= 0 ? "ahead of" : "behind")} the state they describe)");

    /// <summary>A reference row before EKF2 initialised has an all-zero quaternion.</summary>
    internal static bool IsInitialised(ChangeIndicationRow row) =>
        row.State[0] != 0 || row.State[1] != 0 || row.State[2] != 0 || row.State[3] != 0;

    private static double VelocityMeanSquare(List<ReplaySnapshot> ours, List<ChangeIndicationRow> rows)
    {
        double sum = 0;
        int n = 0;
        for (int i = 0; i < rows.Count; i++)
        {
            if (!ours[i].Aligned)
            {
                continue;
            }

            double[] x = rows[i].State;
            sum += (ours[i].State.VelocityNedMps - new Vector3(x[4], x[5], x[6])).LengthSquared;
            n++;
        }

        // Candidates that lose more than half the rows off the trajectory's ends are not comparable.
        return n * 2 >= rows.Count && n > 0 ? sum / n : double.PositiveInfinity;
    }

    private static UavState Interpolate(in UavState a, in UavState b, double f)
    {
        Quaternion qb = Quaternion.Dot(a.Attitude, b.Attitude) < 0 ? -b.Attitude : b.Attitude;
        Quaternion q = ((a.Attitude * (1 - f)) + (qb * f)).Normalized();
        return new UavState(q,
            Lerp(a.VelocityNedMps, b.VelocityNedMps, f),
            Lerp(a.PositionNedM, b.PositionNedM, f),
            Lerp(a.GyroBiasRadps, b.GyroBiasRadps, f),
            Lerp(a.AccelBiasMps2, b.AccelBiasMps2, f),
            Lerp(a.MagEarthGauss, b.MagEarthGauss, f),
            Lerp(a.MagBodyGauss, b.MagBodyGauss, f),
            a.WindNorthMps + ((b.WindNorthMps - a.WindNorthMps) * f),
            a.WindEastMps + ((b.WindEastMps - a.WindEastMps) * f));
    }

    private static Vector3 Lerp(Vector3 a, Vector3 b, double f) => a + ((b - a) * f);
}
