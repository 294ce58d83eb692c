using StrategicTech.Navigation.Geodesy;
using StrategicTech.Navigation.Logs;
using StrategicTech.Navigation.Numerics;

namespace StrategicTech.Navigation.Estimation.Uav.Replay;

/// <summary>
/// Turns a PX4 ULog flight log into replay records for <see cref="Px4ReplayRunner"/> and takes EKF2's own estimate
/// from the same log as the reference.
/// <para>
/// Sensors: <c>sensor_combined</c> (gyro rad/s, accelerometer m/s², body FRD), <c>vehicle_magnetometer</c> (gauss),
/// <c>vehicle_air_data.baro_alt_meter</c>, <c>vehicle_gps_position</c> (lat/lon 1e-7°, alt mm, velocity NED) and
/// <c>vehicle_land_detected.landed</c>. Reference: <c>estimator_status.states[24]</c>, EKF2's delayed-horizon state in
/// the same order and units as its change-indication output, with positions about EKF2's origin
/// (<c>vehicle_local_position.ref_lat/ref_lon/ref_alt</c>). Logs record sensors at the logger's rate, often decimated
/// (e.g. IMU at ~9 Hz), so the replay integrates rates over long intervals: expect larger differences than with
/// PX4's full-rate replay CSV.
/// </para>
/// </summary>
public sealed class ULogReplaySource
{
    private ULogReplaySource(string fileName, List<ReplayRecord> records, List<ChangeIndicationRow> reference, GeodeticPosition? referenceOrigin)
    {
        FileName = fileName;
        Records = records;
        Reference = reference;
        ReferenceOrigin = referenceOrigin;
    }

    public string FileName { get; }

    /// <summary>Sensor records in time order (stable across topics with equal timestamps).</summary>
    public IReadOnlyList<ReplayRecord> Records { get; }

    /// <summary>EKF2's logged state rows, positions about <see cref="ReferenceOrigin"/>.</summary>
    public IReadOnlyList<ChangeIndicationRow> Reference { get; }

    /// <summary>EKF2's NED origin, when the log has a valid <c>vehicle_local_position</c> reference.</summary>
    public GeodeticPosition? ReferenceOrigin { get; }

    /// <summary>Reads a ULog file; a log without the sensor topics gets a <see cref="ReplayFormatException"/> naming them.</summary>
    public static ULogReplaySource ReadFile(string path)
    {
        ULogFile log;
        try
        {
            log = ULogReader.ReadFile(path);
        }
        catch (ULogFormatException ex)
        {
            throw new ReplayFormatException(path, 0, ex.Message);
        }

        return FromLog(log, path);
    }

    public static ULogReplaySource FromLog(ULogFile log, string fileName)
    {
        ArgumentNullException.ThrowIfNull(log);
        var records = new List<ReplayRecord>();
        ULogTopic imu = Require(log, "sensor_combined", fileName);
        for (int i = 0; i < imu.SampleCount; i++)
        {
            records.Add(new ReplayRecord(imu.TimestampsUs[i], ReplayRecordKind.Imu,
                imu.GetDouble("accelerometer_m_s2[0]", i), imu.GetDouble("accelerometer_m_s2[1]", i), imu.GetDouble("accelerometer_m_s2[2]", i),
                imu.GetDouble("gyro_rad[0]", i), imu.GetDouble("gyro_rad[1]", i), imu.GetDouble("gyro_rad[2]", i)));
        }

        ULogTopic gps = Require(log, "vehicle_gps_position", fileName);
        for (int i = 0; i < gps.SampleCount; i++)
        {
            // Fixes below 3-D carry no usable position; PX4's own pre-use checks would refuse them too.
            if (gps.TryGetField("fix_type", out _) && gps.GetDouble("fix_type", i) < 3)
            {
                continue;
            }

            records.Add(new ReplayRecord(gps.TimestampsUs[i], ReplayRecordKind.Gps,
                gps.GetDouble("alt", i), gps.GetDouble("lon", i), gps.GetDouble("lat", i),
                gps.GetDouble("vel_n_m_s", i), gps.GetDouble("vel_e_m_s", i), gps.GetDouble("vel_d_m_s", i)));
        }

        if (Find(log, "vehicle_magnetometer") is { } mag)
        {
            for (int i = 0; i < mag.SampleCount; i++)
            {
                records.Add(new ReplayRecord(mag.TimestampsUs[i], ReplayRecordKind.Mag,
                    mag.GetDouble("magnetometer_ga[0]", i), mag.GetDouble("magnetometer_ga[1]", i), mag.GetDouble("magnetometer_ga[2]", i), 0, 0, 0));
            }
        }

        if (Find(log, "vehicle_air_data") is { } air)
        {
            for (int i = 0; i < air.SampleCount; i++)
            {
                records.Add(new ReplayRecord(air.TimestampsUs[i], ReplayRecordKind.Baro, air.GetDouble("baro_alt_meter", i), 0, 0, 0, 0, 0));
            }
        }

        if (Find(log, "vehicle_land_detected") is { } land)
        {
            for (int i = 0; i < land.SampleCount; i++)
            {
                records.Add(new ReplayRecord(land.TimestampsUs[i], ReplayRecordKind.Landed, land.GetDouble("landed", i), 0, 0, 0, 0, 0));
            }
        }

        // List.Sort is not stable: order by (time, original index) so equal timestamps keep topic order.
        var indexed = records.Select((r, i) => (r, i)).OrderBy(p => p.r.TimeUs).ThenBy(p => p.i).Select(p => p.r).ToList();

        var reference = new List<ChangeIndicationRow>();
        if (Find(log, "estimator_status") is { } status)
        {
            for (int i = 0; i < status.SampleCount; i++)
            {
                double[] state = new double[24], variance = new double[24];
                for (int k = 0; k < 24; k++)
                {
                    state[k] = status.GetDouble($"states[{k}]", i);
                    variance[k] = status.TryGetField($"covariances[{k}]", out _) ? status.GetDouble($"covariances[{k}]", i) : 0;
                }

                reference.Add(new ChangeIndicationRow(status.TimestampsUs[i], state, variance));
            }
        }

        GeodeticPosition? origin = null;
        if (Find(log, "vehicle_local_position") is { } local)
        {
            for (int i = 0; i < local.SampleCount && origin is null; i++)
            {
                double lat = local.GetDouble("ref_lat", i), lon = local.GetDouble("ref_lon", i), alt = local.GetDouble("ref_alt", i);
                bool global = !local.TryGetField("xy_global", out _) || local.GetDouble("xy_global", i) > 0.5;
                if (global && double.IsFinite(lat) && double.IsFinite(lon) && double.IsFinite(alt) && Math.Abs(lat) <= 90 && (lat != 0 || lon != 0))
                {
                    origin = GeodeticPosition.FromDegrees(lat, lon, alt);
                }
            }
        }

        return new ULogReplaySource(fileName, indexed, reference, origin);
    }

    /// <summary>
    /// The reference re-expressed about another NED origin (ours), so positions compare like for like. Without a
    /// logged EKF2 origin the rows are returned unchanged.
    /// </summary>
    public List<ChangeIndicationRow> ReferenceAbout(GeodeticPosition origin)
    {
        if (ReferenceOrigin is not { } theirs)
        {
            return [.. Reference];
        }

        var from = new LocalNedFrame(theirs);
        var to = new LocalNedFrame(origin);
        var rows = new List<ChangeIndicationRow>(Reference.Count);
        foreach (ChangeIndicationRow row in Reference)
        {
            double[] state = (double[])row.State.Clone();
            Vector3 ours = to.ToNed(from.FromNed(new Vector3(state[7], state[8], state[9])));
            state[7] = ours.X;
            state[8] = ours.Y;
            state[9] = ours.Z;
            rows.Add(row with { State = state });
        }

        return rows;
    }

    private static ULogTopic? Find(ULogFile log, string name) =>
        log.Topics.Where(t => t.Name == name && t.SampleCount > 0).OrderBy(t => t.MultiId).FirstOrDefault();

    private static ULogTopic Require(ULogFile log, string name, string fileName) =>
        Find(log, name) ?? throw new ReplayFormatException(fileName, 0, $"the log has no '{name}' samples, which an EKF replay needs");
}
