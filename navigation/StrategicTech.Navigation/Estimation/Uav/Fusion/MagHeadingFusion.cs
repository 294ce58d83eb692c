using StrategicTech.Navigation.Numerics;

namespace StrategicTech.Navigation.Estimation.Uav.Fusion;

/// <summary>
/// Heading-only magnetometer fusion. The field is rotated to earth with the estimated attitude; its horizontal
/// direction against the declination is the yaw innovation (same as tilt-compensated heading minus 3-2-1 yaw).
/// Observation row on the earth-frame attitude error: [-R11 R31, -R21 R31, R11^2 + R21^2] / (R11^2 + R21^2).
/// Persistent rejection with a normal-looking field, or a large innovation right after a disturbance, resets yaw to
/// the magnetometer (PX4's yaw reset on magnetic anomaly).
/// </summary>
public sealed class MagHeadingFusion : IFusionSource<MagSample>
{
    private readonly UavEkfParameters _parameters;
    private long _rejectingSinceUs = -1;

    public MagHeadingFusion(UavEkfParameters parameters, MagAnomalyMonitor monitor, MagneticReference reference)
    {
        _parameters = parameters;
        Monitor = monitor;
        Reference = reference;
    }

    /// <summary>Declination source (parameter, then the world magnetic model at the origin).</summary>
    public MagneticReference Reference { get; }

    public MagAnomalyMonitor Monitor { get; }

    public double TestRatio { get; private set; }

    public int RejectedCount { get; private set; }

    public long LastFusedUs { get; private set; }

    public int YawResetCount { get; private set; }

    public FusionOutcome Fuse(UavFilterCore core, in MagSample sample)
    {
        ArgumentNullException.ThrowIfNull(core);
        if (!Monitor.Update(core.TimeUs, sample.FieldGauss))
        {
            _rejectingSinceUs = -1;
            return FusionOutcome.Skipped;
        }

        Matrix3 r = core.Rotation;
        double d = (r.M11 * r.M11) + (r.M21 * r.M21);
        Vector3 earth = r * sample.FieldGauss;
        if (d < 0.01 || ((earth.X * earth.X) + (earth.Y * earth.Y)) < 1e-6)
        {
            return FusionOutcome.Skipped;
        }

        double innovation = ObservationRow.WrapPi(Reference.DeclinationRad - Math.Atan2(earth.Y, earth.X));
        Span<int> index = [UavErrorIndex.Attitude, UavErrorIndex.Attitude + 1, UavErrorIndex.Attitude + 2];
        Span<double> h = stackalloc double[3];
        UavObservationRows.Heading(r, h);
        double noiseVar = _parameters.MagHeadingNoiseRad * _parameters.MagHeadingNoiseRad;
        double s = core.InnovationVariance(index, h, noiseVar);
        TestRatio = ObservationRow.TestRatio(innovation, s, _parameters.MagHeadingGateSd);
        if (TestRatio > 1)
        {
            long now = core.TimeUs;
            if (_rejectingSinceUs < 0)
            {
                _rejectingSinceUs = now;
            }

            if (Monitor.JustRecovered || now - _rejectingSinceUs >= (long)(_parameters.MagRejectTimeoutS * 1e6))
            {
                core.ResetYaw(innovation, noiseVar);
                YawResetCount++;
                _rejectingSinceUs = -1;
                LastFusedUs = now;
                return FusionOutcome.Reset;
            }

            RejectedCount++;
            return FusionOutcome.Rejected;
        }

        _rejectingSinceUs = -1;
        if (!core.FuseScalar(index, h, innovation, noiseVar))
        {
            RejectedCount++;
            return FusionOutcome.Rejected;
        }

        LastFusedUs = core.TimeUs;
        return FusionOutcome.Fused;
    }
}
