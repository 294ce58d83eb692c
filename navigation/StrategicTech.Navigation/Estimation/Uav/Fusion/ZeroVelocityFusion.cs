namespace StrategicTech.Navigation.Estimation.Uav.Fusion;

/// <summary>
/// Zero-velocity update on the ground (PX4 EKF2's zero velocity update): while the vehicle is landed and at rest (before
/// the first take-off the down axis only, <see cref="UavEkfParameters.UseZeroVelocityUpdateBeforeTakeOff"/>), a
/// synthetic observation of zero NED velocity with <see cref="UavEkfParameters.ZeroVelocityNoiseMps"/> (EKF2: 0.2 m/s
/// once tilt is aligned) is fused every <see cref="IntervalUs"/>. EKF2 fuses it only without velocity aiding, because
/// with GNSS it makes the filter too rigid to follow the receiver's slowly drifting position: so do we for the
/// horizontal axes (in SITL, fusing them with GNSS raised the filter's own position error of hover seed 45 from 0.10 m
/// to 0.16 m). The vertical axis is fused also with GNSS: height comes from the barometer, whose datum is fixed, and a
/// touchdown leaves the inertial vertical velocity wrong by whatever error it carried in the descent (+0.03 m/s on
/// PX4-ECL's iris_gps log, +0.12 before the accel-z bias variance floor), which the loose vertical aiding (GNSS
/// velocity floor 0.5 m/s) removes only slowly.
/// </summary>
public sealed class ZeroVelocityFusion
{
    /// <summary>Interval between zero-velocity fusions, µs (EKF2: 200 ms).</summary>
    public const long IntervalUs = 200_000;

    private readonly UavEkfParameters _parameters;
    private long _lastFusedUs = long.MinValue;

    public ZeroVelocityFusion(UavEkfParameters parameters) => _parameters = parameters;

    /// <summary>Time of the last fusion at the delayed horizon, µs (<see cref="long.MinValue"/> before the first).</summary>
    public long LastFusedUs => _lastFusedUs;

    /// <summary>Fusions since the filter started.</summary>
    public int FusedCount { get; private set; }

    /// <summary>
    /// Fuses zero velocity when due (the down axis only when <paramref name="downOnly"/>: while GNSS aids the horizontal,
    /// and before the first take-off); returns <see cref="FusionOutcome.Skipped"/> when not yet due.
    /// </summary>
    public FusionOutcome Fuse(UavFilterCore core, bool downOnly)
    {
        ArgumentNullException.ThrowIfNull(core);
        long now = core.TimeUs;
        if (_lastFusedUs != long.MinValue && now - _lastFusedUs < IntervalUs)
        {
            return FusionOutcome.Skipped;
        }

        double variance = _parameters.ZeroVelocityNoiseMps * _parameters.ZeroVelocityNoiseMps;
        Span<int> index = [UavErrorIndex.Velocity + 2];
        Span<double> h = [1.0];
        bool fused = core.FuseScalar(index, h, -core.VelocityNedMps.Z, variance);
        if (!downOnly)
        {
            index[0] = UavErrorIndex.Velocity;
            fused &= core.FuseScalar(index, h, -core.VelocityNedMps.X, variance);
            index[0] = UavErrorIndex.Velocity + 1;
            fused &= core.FuseScalar(index, h, -core.VelocityNedMps.Y, variance);
        }
        _lastFusedUs = now;
        if (!fused)
        {
            return FusionOutcome.Rejected;
        }

        FusedCount++;
        return FusionOutcome.Fused;
    }
}
