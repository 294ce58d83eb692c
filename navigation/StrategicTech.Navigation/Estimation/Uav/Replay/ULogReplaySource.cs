using StrategicTech.Navigation.Geodesy;
using StrategicTech.Navigation.Logs;
using StrategicTech.Navigation.Numerics;

namespace StrategicTech.Navigation.Estimation.Uav.Replay;

/// <summary>
/// Turns a PX4 ULog flight log of any generation into replay records for <see cref="Px4ReplayRunner"/> and takes
/// EKF2's own estimate from the same log as the reference. Fields are mapped by what the log's formats declare
/// (see <see cref="ULogReplayLayout"/>): a missing optional topic or field is skipped with a line in
/// <see cref="Warnings"/>, never an exception; only a log without usable IMU data is refused.
/// <para>
/// Sensors: <c>sensor_combined</c> (gyro rad/s, accelerometer m/s², body FRD), <c>vehicle_magnetometer</c> (gauss),
/// <c>vehicle_air_data.baro_alt_meter</c>, GNSS from <c>vehicle_gps_position</c> or <c>sensor_gps</c>, and
/// <c>vehicle_land_detected.landed</c>. Reference: EKF2's delayed-horizon state from <c>estimator_states</c> or, in
/// older logs, <c>estimator_status.states[]</c>, positions about EKF2's origin
/// (<c>vehicle_local_position.ref_lat/ref_lon/ref_alt</c>). Logs record sensors at the logger's rate, often decimated
/// (e.g. IMU at ~9 Hz): see <see cref="ImuRateHz"/> and <see cref="MinimumImuRateHz"/>.
/// </para>
/// </summary>
public sealed class ULogReplaySource
{
    /// <summary>
    /// Below this IMU rate a replay integrates rates over intervals long enough to corrupt the attitude (a 9 Hz log
    /// gave 110° attitude RMS): callers warn and refuse unless forced.
    /// </summary>
    public const double MinimumImuRateHz = 100;

    private ULogReplaySource(string fileName, List<ReplayRecord> records, List<ChangeIndicationRow> reference,
        GeodeticPosition? referenceOrigin, ULogReplayLayout layout, List<string> warnings)
    {
        FileName = fileName;
        Records = records;
        Reference = reference;
        ReferenceOrigin = referenceOrigin;
        Layout = layout;
        Warnings = warnings;
        ImuRateHz = ReplayImuRate.MedianHz(records);
    }

    public string FileName { get; }

    /// <summary>Sensor records in time order (stable across topics with equal timestamps).</summary>
    public IReadOnlyList<ReplayRecord> Records { get; }

    /// <summary>EKF2's logged state rows, positions about <see cref="ReferenceOrigin"/>, biases as logged.</summary>
    public IReadOnlyList<ChangeIndicationRow> Reference { get; }

    /// <summary>EKF2's NED origin, when the log has a valid <c>vehicle_local_position</c> reference.</summary>
    public GeodeticPosition? ReferenceOrigin { get; }

    /// <summary>Which topics and field generations were used.</summary>
    public ULogReplayLayout Layout { get; }

    /// <summary>What was missing and what was skipped or assumed, one line each; empty for a complete log.</summary>
    public IReadOnlyList<string> Warnings { get; }

    /// <summary>Median IMU sample rate of the log, Hz (0 with fewer than two IMU samples).</summary>
    public double ImuRateHz { get; }

    /// <summary>True when <see cref="ImuRateHz"/> is below <see cref="MinimumImuRateHz"/>.</summary>
    public bool ImuRateTooLow => ImuRateHz < MinimumImuRateHz;

    /// <summary>
    /// The period that turns the reference's bias states into rad/s and m/s² (the divisor for
    /// <see cref="ReplayComparison.Compare"/>): EKF2's filter period for generations with per-step biases, 1 s for
    /// those that log per-second biases.
    /// </summary>
    public double ReferenceFilterPeriodS => Layout.ReferenceBiasPerSecond ? 1.0 : ReplayComparison.Ekf2FilterPeriodS;

    /// <summary>Reads a ULog file; a log without IMU data gets a <see cref="ReplayFormatException"/> naming the topic.</summary>
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
        var warnings = new List<string>();
        var records = new List<ReplayRecord>();
        ULogReplayLayout layout = ULogReplayLayout.Detect(log, warnings);
        ReadImu(log, fileName, records);
        ReadGnss(log, layout, records, warnings);
        ReadOptional(log, "vehicle_magnetometer", ["magnetometer_ga[0]", "magnetometer_ga[1]", "magnetometer_ga[2]"], ReplayRecordKind.Mag, records, warnings);
        ReadOptional(log, "vehicle_air_data", ["baro_alt_meter"], ReplayRecordKind.Baro, records, warnings);
        ReadOptional(log, "vehicle_land_detected", ["landed"], ReplayRecordKind.Landed, records, warnings);

        // List.Sort is not stable: order by (time, original index) so equal timestamps keep topic order.
        var indexed = records.Select((r, i) => (r, i)).OrderBy(p => p.r.TimeUs).ThenBy(p => p.i).Select(p => p.r).ToList();
        List<ChangeIndicationRow> reference = ReadReference(log, layout);
        GeodeticPosition? origin = ReadOrigin(log, warnings);
        return new ULogReplaySource(fileName, indexed, reference, origin, layout, warnings);
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

    private static void ReadImu(ULogFile log, string fileName, List<ReplayRecord> records)
    {
        ULogTopic imu = ULogReplayLayout.Find(log, "sensor_combined")
            ?? throw new ReplayFormatException(fileName, 0, "the log has no 'sensor_combined' samples, which an EKF replay needs");
        string[] names = ["accelerometer_m_s2[0]", "accelerometer_m_s2[1]", "accelerometer_m_s2[2]", "gyro_rad[0]", "gyro_rad[1]", "gyro_rad[2]"];
        string[] missing = names.Where(n => !imu.TryGetField(n, out _)).ToArray();
        if (missing.Length > 0 || !imu.HasTimestamp)
        {
            throw new ReplayFormatException(fileName, 0,
                $"topic {imu.DisplayName} lacks {string.Join(", ", missing.Append(imu.HasTimestamp ? null : "timestamp").OfType<string>())}, which an EKF replay needs");
        }

        ULogField[] f = names.Select(imu.GetField).ToArray();
        for (int i = 0; i < imu.SampleCount; i++)
        {
            records.Add(new ReplayRecord(imu.TimestampsUs[i], ReplayRecordKind.Imu,
                imu.GetDouble(f[0], i), imu.GetDouble(f[1], i), imu.GetDouble(f[2], i), imu.GetDouble(f[3], i), imu.GetDouble(f[4], i), imu.GetDouble(f[5], i)));
        }
    }

    private static void ReadGnss(ULogFile log, ULogReplayLayout layout, List<ReplayRecord> records, List<string> warnings)
    {
        if (layout.GnssTopic is not { } gps)
        {
            return;
        }

        ULogField lat = gps.GetField(layout.GnssLatitudeField!), lon = gps.GetField(layout.GnssLongitudeField!), alt = gps.GetField(layout.GnssAltitudeField!);
        ULogField vn = gps.GetField("vel_n_m_s"), ve = gps.GetField("vel_e_m_s"), vd = gps.GetField("vel_d_m_s");
        bool hasFix = gps.TryGetField("fix_type", out ULogField? fix);
        if (!hasFix)
        {
            warnings.Add($"{gps.DisplayName}: no fix_type field; every sample is taken as a 3-D fix");
        }

        // The replay record keeps PX4's replay-CSV units: alt mm, lon and lat 1e-7 deg (as doubles, so no precision is lost).
        double latScale = layout.GnssDegrees ? 1e7 : 1, altScale = layout.GnssDegrees ? 1e3 : 1;
        int below3d = 0;
        for (int i = 0; i < gps.SampleCount; i++)
        {
            // Fixes below 3-D carry no usable position; PX4's own pre-use checks would refuse them too.
            if (hasFix && gps.GetDouble(fix!, i) < 3)
            {
                below3d++;
                continue;
            }

            records.Add(new ReplayRecord(gps.TimestampsUs[i], ReplayRecordKind.Gps,
                gps.GetDouble(alt, i) * altScale, gps.GetDouble(lon, i) * latScale, gps.GetDouble(lat, i) * latScale,
                gps.GetDouble(vn, i), gps.GetDouble(ve, i), gps.GetDouble(vd, i)));
        }

        if (below3d > 0)
        {
            warnings.Add($"{gps.DisplayName}: skipped {below3d} of {gps.SampleCount} samples without a 3-D fix");
        }
    }

    /// <summary>Reads a topic whose listed fields become V0.. of one record kind; a missing topic or field skips it with a warning.</summary>
    private static void ReadOptional(ULogFile log, string topicName, string[] fieldNames, ReplayRecordKind kind, List<ReplayRecord> records, List<string> warnings)
    {
        if (ULogReplayLayout.Find(log, topicName) is not { } topic)
        {
            warnings.Add($"missing topic '{topicName}': no {kind} samples in the replay");
            return;
        }

        string[] missing = fieldNames.Where(n => !topic.TryGetField(n, out _)).ToArray();
        if (missing.Length > 0 || !topic.HasTimestamp)
        {
            warnings.Add($"{topic.DisplayName}: missing field {string.Join(", ", missing.Append(topic.HasTimestamp ? null : "timestamp").OfType<string>())}: skipped its {topic.SampleCount} samples");
            return;
        }

        ULogField[] f = fieldNames.Select(topic.GetField).ToArray();
        for (int i = 0; i < topic.SampleCount; i++)
        {
            double v0 = topic.GetDouble(f[0], i), v1 = f.Length > 1 ? topic.GetDouble(f[1], i) : 0, v2 = f.Length > 2 ? topic.GetDouble(f[2], i) : 0;
            records.Add(new ReplayRecord(topic.TimestampsUs[i], kind, v0, v1, v2, 0, 0, 0));
        }
    }

    private static List<ChangeIndicationRow> ReadReference(ULogFile log, ULogReplayLayout layout)
    {
        var reference = new List<ChangeIndicationRow>();
        if (layout.ReferenceTopic is not { } status)
        {
            return reference;
        }

        // Our rows carry PX4-ECL's 24 states; a 25th (terrain, newer generations) is not compared.
        int n = Math.Min(layout.ReferenceStateCount, 24);
        ULogField[] states = Enumerable.Range(0, n).Select(k => status.GetField($"states[{k}]")).ToArray();
        ULogField?[] variances = Enumerable.Range(0, n).Select(k => status.TryGetField($"covariances[{k}]", out ULogField? c) ? c : null).ToArray();
        for (int i = 0; i < status.SampleCount; i++)
        {
            double[] state = new double[24], variance = new double[24];
            for (int k = 0; k < n; k++)
            {
                state[k] = status.GetDouble(states[k], i);
                variance[k] = variances[k] is { } v ? status.GetDouble(v, i) : 0;
            }

            reference.Add(new ChangeIndicationRow(status.TimestampsUs[i], state, variance));
        }

        return reference;
    }

    private static GeodeticPosition? ReadOrigin(ULogFile log, List<string> warnings)
    {
        if (ULogReplayLayout.Find(log, "vehicle_local_position") is not { } local)
        {
            warnings.Add("missing topic 'vehicle_local_position': EKF2's origin is unknown, reference positions are compared as logged");
            return null;
        }

        if (!local.TryGetField("ref_lat", out ULogField? latField) || !local.TryGetField("ref_lon", out ULogField? lonField) || !local.TryGetField("ref_alt", out ULogField? altField))
        {
            warnings.Add($"{local.DisplayName}: missing ref_lat/ref_lon/ref_alt: EKF2's origin is unknown, reference positions are compared as logged");
            return null;
        }

        bool hasGlobal = local.TryGetField("xy_global", out ULogField? globalField);
        for (int i = 0; i < local.SampleCount; i++)
        {
            double lat = local.GetDouble(latField, i), lon = local.GetDouble(lonField, i), alt = local.GetDouble(altField, i);
            bool global = !hasGlobal || local.GetDouble(globalField!, i) > 0.5;
            if (global && double.IsFinite(lat) && double.IsFinite(lon) && double.IsFinite(alt) && Math.Abs(lat) <= 90 && (lat != 0 || lon != 0))
            {
                return GeodeticPosition.FromDegrees(lat, lon, alt);
            }
        }

        return null;
    }
}
