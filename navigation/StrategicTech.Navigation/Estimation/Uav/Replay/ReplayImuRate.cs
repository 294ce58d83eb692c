namespace StrategicTech.Navigation.Estimation.Uav.Replay;

/// <summary>The IMU sample rate of a replay record list, from the median interval (robust to dropouts and bursts).</summary>
public static class ReplayImuRate
{
    /// <summary>1 / median positive interval between consecutive IMU records, Hz; 0 with fewer than two.</summary>
    public static double MedianHz(IReadOnlyList<ReplayRecord> records)
    {
        ArgumentNullException.ThrowIfNull(records);
        var intervals = new List<long>();
        long last = -1;
        foreach (ReplayRecord r in records)
        {
            if (r.Kind != ReplayRecordKind.Imu)
            {
                continue;
            }

            if (last >= 0 && r.TimeUs > last)
            {
                intervals.Add(r.TimeUs - last);
            }

            last = r.TimeUs;
        }

        if (intervals.Count == 0)
        {
            return 0;
        }

        intervals.Sort();
        return 1e6 / intervals[intervals.Count / 2];
    }
}
