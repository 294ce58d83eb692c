using StrategicTech.Navigation.Numerics;

namespace StrategicTech.Navigation.Estimation.Uav.Replay;

/// <summary>
/// Compares our snapshots with EKF2's change-indication rows at the same timestamps within a time window.
/// Attitude: angle of the relative rotation (deg), plus yaw alone; velocity and position: norm of the difference;
/// biases: EKF2's per-step values divided by its filter period to give rad/s and m/s^2.
/// </summary>
public static class ReplayComparison
{
    /// <summary>PX4-ECL's nominal filter update period (FILTER_UPDATE_PERIOD_MS = 10).</summary>
    public const double Ekf2FilterPeriodS = 0.010;

    public static List<StateGroupError> Compare(IReadOnlyList<ReplaySnapshot> ours, IReadOnlyList<ChangeIndicationRow> reference,
        long fromUs, long toUs, double referenceFilterPeriodS = Ekf2FilterPeriodS)
    {
        ArgumentNullException.ThrowIfNull(ours);
        ArgumentNullException.ThrowIfNull(reference);
        var acc = new Accumulator[7];
        int n = Math.Min(ours.Count, reference.Count);
        for (int i = 0; i < n; i++)
        {
            ReplaySnapshot s = ours[i];
            ChangeIndicationRow r = reference[i];
            if (r.TimeUs < fromUs || r.TimeUs > toUs || !s.Aligned)
            {
                continue;
            }

            double[] x = r.State;
            var qRef = new Quaternion(x[0], x[1], x[2], x[3]);
            UavState e = s.State;
            acc[0].Add(Quaternion.AngleBetween(e.Attitude, qRef) * 180 / Math.PI);
            acc[1].Add(Math.Abs(Math.IEEERemainder(e.Attitude.ToEuler().Z - qRef.ToEuler().Z, 2 * Math.PI)) * 180 / Math.PI);
            acc[2].Add((e.VelocityNedMps - new Vector3(x[4], x[5], x[6])).Length);
            acc[3].Add((e.PositionNedM - new Vector3(x[7], x[8], x[9])).Length);
            acc[4].Add(Math.Abs(e.PositionNedM.Z - x[9]));
            acc[5].Add((e.GyroBiasRadps - (new Vector3(x[10], x[11], x[12]) / referenceFilterPeriodS)).Length * 180 / Math.PI);
            acc[6].Add((e.AccelBiasMps2 - (new Vector3(x[13], x[14], x[15]) / referenceFilterPeriodS)).Length);
        }

        return
        [
            acc[0].Result("attitude", "deg"),
            acc[1].Result("yaw", "deg"),
            acc[2].Result("velocity", "m/s"),
            acc[3].Result("position", "m"),
            acc[4].Result("height", "m"),
            acc[5].Result("gyro bias", "deg/s"),
            acc[6].Result("accel bias", "m/s^2"),
        ];
    }

    private struct Accumulator
    {
        private double _sumSq;
        private double _max;
        private int _count;

        public void Add(double value)
        {
            _sumSq += value * value;
            _max = Math.Max(_max, value);
            _count++;
        }

        public readonly StateGroupError Result(string name, string unit) =>
            new(name, unit, _count == 0 ? double.NaN : Math.Sqrt(_sumSq / _count), _max, _count);
    }
}
