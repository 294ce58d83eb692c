using StrategicTech.Navigation.Geodesy;
using StrategicTech.Navigation.Numerics;

namespace StrategicTech.Navigation.Estimation.Uav.Replay;

/// <summary>
/// Feeds PX4 replay records into a <see cref="UavEkf"/>. IMU rates become increments over the interval since the
/// previous IMU line. The replay CSV carries no GNSS quality fields, so fixes are given a 3-D fix, 10 satellites
/// and eph 0.5 m / epv 0.8 m / sacc 0.2 m/s (SITL-like values inside every check). Landed lines drive the in-air
/// flag. Airspeed is not used by this filter.
/// </summary>
public static class Px4ReplayRunner
{
    private const long DefaultImuIntervalUs = 4000;

    /// <summary>
    /// Runs the whole record list and snapshots the delayed-horizon state at each requested time (ascending),
    /// after all records up to that time were processed, as PX4's change-indication test does.
    /// </summary>
    public static List<ReplaySnapshot> Run(UavEkf filter, IReadOnlyList<ReplayRecord> records, IReadOnlyList<long> sampleTimesUs)
    {
        ArgumentNullException.ThrowIfNull(filter);
        ArgumentNullException.ThrowIfNull(records);
        ArgumentNullException.ThrowIfNull(sampleTimesUs);
        var snapshots = new List<ReplaySnapshot>(sampleTimesUs.Count);
        int next = 0;
        long lastImuUs = -1;
        foreach (ReplayRecord r in records)
        {
            while (next < sampleTimesUs.Count && r.TimeUs > sampleTimesUs[next])
            {
                snapshots.Add(new ReplaySnapshot(sampleTimesUs[next], filter.IsAligned, filter.DelayedState, filter.Core.TimeUs));
                next++;
            }

            Feed(filter, r, ref lastImuUs);
        }

        while (next < sampleTimesUs.Count)
        {
            snapshots.Add(new ReplaySnapshot(sampleTimesUs[next], filter.IsAligned, filter.DelayedState, filter.Core.TimeUs));
            next++;
        }

        return snapshots;
    }

    /// <summary>
    /// Runs the whole record list and keeps our delayed-horizon state every <paramref name="intervalUs"/> of state
    /// time once aligned (snapshots carry both the replay clock and the state's own time), so a comparison can
    /// interpolate it at any reference time (<see cref="ReplayAlignment"/>).
    /// </summary>
    public static List<ReplaySnapshot> RunTrajectory(UavEkf filter, IReadOnlyList<ReplayRecord> records, long intervalUs = 10_000)
    {
        ArgumentNullException.ThrowIfNull(filter);
        ArgumentNullException.ThrowIfNull(records);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(intervalUs);
        var trajectory = new List<ReplaySnapshot>();
        long lastImuUs = -1, nextUs = long.MinValue;
        foreach (ReplayRecord r in records)
        {
            Feed(filter, r, ref lastImuUs);
            long stateUs = filter.Core.TimeUs;
            if (filter.IsAligned && stateUs >= nextUs)
            {
                trajectory.Add(new ReplaySnapshot(r.TimeUs, true, filter.DelayedState, stateUs));
                nextUs = stateUs + intervalUs;
            }
        }

        return trajectory;
    }

    /// <summary>Pushes one record; <paramref name="lastImuUs"/> carries the previous IMU time between calls.</summary>
    public static void Feed(UavEkf filter, in ReplayRecord r, ref long lastImuUs)
    {
        ArgumentNullException.ThrowIfNull(filter);
        switch (r.Kind)
        {
            case ReplayRecordKind.Imu:
                long dtUs = lastImuUs < 0 ? DefaultImuIntervalUs : r.TimeUs - lastImuUs;
                if (dtUs <= 0)
                {
                    filter.PushImu(new ImuSample(r.TimeUs, Vector3.Zero, Vector3.Zero, 0));
                    return;
                }

                lastImuUs = r.TimeUs;
                double dt = dtUs * 1e-6;
                filter.PushImu(new ImuSample(r.TimeUs, new Vector3(r.V3, r.V4, r.V5) * dt, new Vector3(r.V0, r.V1, r.V2) * dt, dt));
                break;
            case ReplayRecordKind.Mag:
                filter.PushMag(new MagSample(r.TimeUs, new Vector3(r.V0, r.V1, r.V2)));
                break;
            case ReplayRecordKind.Baro:
                filter.PushBaro(new BaroSample(r.TimeUs, r.V0));
                break;
            case ReplayRecordKind.Gps:
                var position = GeodeticPosition.FromDegrees(r.V2 * 1e-7, r.V1 * 1e-7, r.V0 * 1e-3);
                filter.PushGnss(new GnssSample(r.TimeUs, position, new Vector3(r.V3, r.V4, r.V5), 3, 10, 0.5, 0.8, 0.2));
                break;
            case ReplayRecordKind.Landed:
                filter.SetInAir(r.V0 < 0.5);
                break;
            default:
                break;
        }
    }
}
