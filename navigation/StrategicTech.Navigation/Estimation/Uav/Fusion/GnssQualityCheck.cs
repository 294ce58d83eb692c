namespace StrategicTech.Navigation.Estimation.Uav.Fusion;

/// <summary>Which GNSS quality checks failed on the last sample.</summary>
[Flags]
public enum GnssCheckFailures
{
    None = 0,
    FixType = 1,
    Satellites = 2,
    HorizontalAccuracy = 4,
    VerticalAccuracy = 8,
    SpeedAccuracy = 16,
}

/// <summary>
/// PX4-style checks before GNSS is first used: fix type, satellites, eph, epv and speed accuracy must all pass
/// continuously for the stable time. Any failure restarts the clock.
/// </summary>
public sealed class GnssQualityCheck
{
    private readonly UavEkfParameters _parameters;
    private long _passingSinceUs = -1;

    public GnssQualityCheck(UavEkfParameters parameters) => _parameters = parameters;

    public GnssCheckFailures Failures { get; private set; }

    /// <summary>True once the checks have passed continuously for the stable time.</summary>
    public bool IsStable { get; private set; }

    public bool Update(in GnssSample sample)
    {
        UavEkfParameters k = _parameters;
        GnssCheckFailures f = GnssCheckFailures.None;
        if (sample.FixType < k.GnssMinFixType)
        {
            f |= GnssCheckFailures.FixType;
        }

        if (sample.Satellites < k.GnssMinSatellites)
        {
            f |= GnssCheckFailures.Satellites;
        }

        if (sample.HorizontalAccuracyM > k.GnssMaxHorizontalAccuracyM)
        {
            f |= GnssCheckFailures.HorizontalAccuracy;
        }

        if (sample.VerticalAccuracyM > k.GnssMaxVerticalAccuracyM)
        {
            f |= GnssCheckFailures.VerticalAccuracy;
        }

        if (sample.SpeedAccuracyMps > k.GnssMaxSpeedAccuracyMps)
        {
            f |= GnssCheckFailures.SpeedAccuracy;
        }

        Failures = f;
        if (f != GnssCheckFailures.None)
        {
            _passingSinceUs = -1;
            IsStable = false;
            return false;
        }

        if (_passingSinceUs < 0)
        {
            _passingSinceUs = sample.TimeUs;
        }

        IsStable = sample.TimeUs - _passingSinceUs >= (long)(k.GnssStableTimeS * 1e6);
        return IsStable;
    }
}
