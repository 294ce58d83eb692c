using System.Globalization;
using StrategicTech.Navigation.Logs;

namespace StrategicTech.Navigation.Estimation.Uav.Replay;

/// <summary>
/// Which topics and field names a ULog of a given PX4 generation uses for replay, decided from the formats the log
/// declares (not from a version table, so a log of an unforeseen generation maps whatever it has):
/// <list type="bullet">
/// <item>GNSS: <c>vehicle_gps_position</c> (every generation; EKF2's input) or <c>sensor_gps</c>; position as
/// <c>lat</c>/<c>lon</c> int32 1e-7° and <c>alt</c> int32 mm (up to v1.14) or <c>latitude_deg</c>/<c>longitude_deg</c>/
/// <c>altitude_msl_m</c> float64 (v1.15 on).</item>
/// <item>EKF2 state: <c>estimator_states.states[]</c> (v1.12 on, 24 or 25 entries) or <c>estimator_status.states[24]</c>
/// (up to v1.11).</item>
/// <item>Bias states: per filter step (delta angle rad, delta velocity m/s) until PX4 changed them to gyro rad/s and
/// accel m/s² (merged July 2023, first released in v1.15). Decided from <c>ver_sw_release</c> when the log has it,
/// otherwise from the state count (25 states only exist in per-second generations), with a warning saying so.</item>
/// </list>
/// </summary>
public sealed class ULogReplayLayout
{
    private ULogReplayLayout()
    {
    }

    /// <summary>The GNSS topic instance used, or null when the log has none usable.</summary>
    public ULogTopic? GnssTopic { get; private init; }

    /// <summary>True for float64 degrees and metres (v1.15 on); false for int32 1e-7° and mm.</summary>
    public bool GnssDegrees { get; private init; }

    public string? GnssLatitudeField { get; private init; }

    public string? GnssLongitudeField { get; private init; }

    public string? GnssAltitudeField { get; private init; }

    /// <summary>The topic holding EKF2's states, or null when the log has none.</summary>
    public ULogTopic? ReferenceTopic { get; private init; }

    /// <summary>Number of <c>states[k]</c> entries in <see cref="ReferenceTopic"/>.</summary>
    public int ReferenceStateCount { get; private init; }

    /// <summary>True when EKF2's bias states are logged in rad/s and m/s²; false for per-step values.</summary>
    public bool ReferenceBiasPerSecond { get; private init; }

    /// <summary>PX4 release from <c>ver_sw_release</c> (major, minor, patch), or null when the log lacks it.</summary>
    public (int Major, int Minor, int Patch)? Px4Version { get; private init; }

    /// <summary>One-line description for reports, e.g. "GNSS sensor_gps[0] latitude_deg/longitude_deg/altitude_msl_m; ...".</summary>
    public string Describe() => string.Create(CultureInfo.InvariantCulture,
        $"PX4 {(Px4Version is { } v ? $"v{v.Major}.{v.Minor}.{v.Patch}" : "version unknown")}; GNSS {(GnssTopic is null ? "none" : $"{GnssTopic.DisplayName} {GnssLatitudeField}/{GnssLongitudeField}/{GnssAltitudeField}")}; "
        + $"reference {(ReferenceTopic is null ? "none" : $"{ReferenceTopic.DisplayName} states[{ReferenceStateCount}], biases {(ReferenceBiasPerSecond ? "per second" : "per step")}")}");

    /// <summary>First instance (lowest multi_id) of a topic that has samples, or null.</summary>
    public static ULogTopic? Find(ULogFile log, string name)
    {
        ArgumentNullException.ThrowIfNull(log);
        return log.Topics.Where(t => t.Name == name && t.SampleCount > 0).OrderBy(t => t.MultiId).FirstOrDefault();
    }

    /// <summary>Decides the layout; what is missing or assumed goes to <paramref name="warnings"/>.</summary>
    public static ULogReplayLayout Detect(ULogFile log, List<string> warnings)
    {
        ArgumentNullException.ThrowIfNull(log);
        ArgumentNullException.ThrowIfNull(warnings);
        (int, int, int)? version = ReadVersion(log);
        (ULogTopic? gps, bool degrees, string? lat, string? lon, string? alt) = DetectGnss(log, warnings);
        (ULogTopic? reference, int count) = DetectReference(log, warnings);
        bool perSecond = false;
        if (reference is not null)
        {
            if (version is { } v)
            {
                perSecond = v.CompareTo((1, 15, 0)) >= 0;
            }
            else
            {
                perSecond = count >= 25;
                warnings.Add($"no ver_sw_release: EKF2 bias states taken as {(perSecond ? "per second (25 states)" : "per filter step (24 states)")}");
            }
        }

        return new ULogReplayLayout
        {
            GnssTopic = gps,
            GnssDegrees = degrees,
            GnssLatitudeField = lat,
            GnssLongitudeField = lon,
            GnssAltitudeField = alt,
            ReferenceTopic = reference,
            ReferenceStateCount = count,
            ReferenceBiasPerSecond = perSecond,
            Px4Version = version,
        };
    }

    /// <summary>PX4 encodes its release as 0xAABBCCTT (major, minor, patch, type); 0 means a development build without a tag.</summary>
    private static (int, int, int)? ReadVersion(ULogFile log)
    {
        if (!log.Info.TryGetValue("ver_sw_release", out ULogValue? value) || value.IsString)
        {
            return null;
        }

        long raw = value.AsInt64();
        int major = (int)((raw >> 24) & 0xFF), minor = (int)((raw >> 16) & 0xFF), patch = (int)((raw >> 8) & 0xFF);
        return major == 0 && minor == 0 ? null : (major, minor, patch);
    }

    private static (ULogTopic?, bool, string?, string?, string?) DetectGnss(ULogFile log, List<string> warnings)
    {
        ULogTopic? gps = Find(log, "vehicle_gps_position") ?? Find(log, "sensor_gps");
        if (gps is null)
        {
            warnings.Add("missing topic 'vehicle_gps_position' (and 'sensor_gps'): no GNSS samples in the replay");
            return (null, false, null, null, null);
        }

        string[] velocity = ["vel_n_m_s", "vel_e_m_s", "vel_d_m_s"];
        string[] missingVelocity = velocity.Where(n => !gps.TryGetField(n, out _)).ToArray();
        bool integer = Has(gps, "lat", "lon", "alt"), degrees = Has(gps, "latitude_deg", "longitude_deg", "altitude_msl_m");
        if ((!integer && !degrees) || missingVelocity.Length > 0 || !gps.HasTimestamp)
        {
            string what = !integer && !degrees ? "lat/lon/alt or latitude_deg/longitude_deg/altitude_msl_m" : string.Join(", ", missingVelocity);
            warnings.Add($"{gps.DisplayName}: missing field {(gps.HasTimestamp ? what : "timestamp")}: skipped its {gps.SampleCount} samples, no GNSS in the replay");
            return (null, false, null, null, null);
        }

        return integer ? (gps, false, "lat", "lon", "alt") : (gps, true, "latitude_deg", "longitude_deg", "altitude_msl_m");
    }

    private static (ULogTopic?, int) DetectReference(ULogFile log, List<string> warnings)
    {
        foreach (string name in (string[])["estimator_states", "estimator_status"])
        {
            if (Find(log, name) is { } topic && topic.HasTimestamp)
            {
                int count = 0;
                while (topic.TryGetField($"states[{count}]", out _))
                {
                    count++;
                }

                // Attitude, velocity, position and the IMU biases are the first 16 states in every generation.
                if (count >= 16)
                {
                    return (topic, count);
                }
            }
        }

        warnings.Add("missing EKF2 states (neither estimator_states.states[] nor estimator_status.states[]): no reference to compare with");
        return (null, 0);
    }

    private static bool Has(ULogTopic topic, params string[] names) => names.All(n => topic.TryGetField(n, out _));
}
