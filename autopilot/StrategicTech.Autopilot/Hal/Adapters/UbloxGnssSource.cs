using StrategicTech.Drivers.Sensors.Common;
using StrategicTech.Drivers.Sensors.Ublox;
using StrategicTech.Navigation.Estimation.Uav;
using StrategicTech.Navigation.Geodesy;
using StrategicTech.Navigation.Time;

namespace StrategicTech.Autopilot.Hal.Adapters;

/// <summary>
/// The vehicle's GNSS on a u-blox receiver: each read feeds the bytes that have arrived (UART reader thread or
/// simulated stream, through <see cref="IByteSource"/>) into the receiver's UBX/NMEA parser, stamped with the
/// injected clock, and hands out a new fix. A fix the receiver itself does not trust (gnssFixOK clear) is passed on
/// as "no fix" (type 1), so the estimator does not fuse it. Ellipsoid height, as the EKF's geodesy expects.
/// </summary>
public sealed class UbloxGnssSource : IGnssSource
{
    private readonly UbloxReceiver _receiver;
    private readonly IByteSource _bytes;
    private readonly IClock _clock;
    private readonly byte[] _chunk = new byte[512];

    public UbloxGnssSource(UbloxReceiver receiver, IByteSource bytes, IClock clock)
    {
        ArgumentNullException.ThrowIfNull(receiver);
        ArgumentNullException.ThrowIfNull(bytes);
        ArgumentNullException.ThrowIfNull(clock);
        _receiver = receiver;
        _bytes = bytes;
        _clock = clock;
    }

    public UbloxReceiver Receiver => _receiver;

    public bool TryReadGnss(out GnssSample sample)
    {
        long nowUs = _clock.TimeUs;
        int n;
        while ((n = _bytes.Read(_chunk)) > 0)
        {
            _receiver.Feed(_chunk.AsSpan(0, n), nowUs);
        }

        if (!_receiver.TryReadFix(out GnssFix fix))
        {
            sample = default;
            return false;
        }

        sample = ToSample(in fix);
        return true;
    }

    /// <summary>
    /// The estimator's sample for a driver fix. NMEA gives no accuracies and only ground speed and course: those
    /// become 99 m / 99 m/s accuracies and a horizontal velocity from speed and course, which the EKF then weights
    /// accordingly rather than trusting a made-up value.
    /// </summary>
    public static GnssSample ToSample(in GnssFix fix)
    {
        const double unknownAccuracy = 99.0;
        int fixType = fix.FixOk ? (int)fix.FixType : Math.Min((int)fix.FixType, 1);
        return new GnssSample(
            fix.TimeUs,
            GeodeticPosition.FromDegrees(fix.LatitudeDeg, fix.LongitudeDeg, fix.HeightEllipsoidM),
            fix.HasVelocity ? fix.VelocityNedMps : GroundVelocityNedMps(in fix),
            fixType,
            fix.SatellitesUsed,
            fix.HasAccuracy ? fix.HorizontalAccuracyM : unknownAccuracy,
            fix.HasAccuracy ? fix.VerticalAccuracyM : unknownAccuracy,
            fix.HasAccuracy ? fix.SpeedAccuracyMps : unknownAccuracy);
    }

    private static Navigation.Numerics.Vector3 GroundVelocityNedMps(in GnssFix fix) =>
        new(fix.GroundSpeedMps * Math.Cos(fix.CourseRad), fix.GroundSpeedMps * Math.Sin(fix.CourseRad), 0);
}
