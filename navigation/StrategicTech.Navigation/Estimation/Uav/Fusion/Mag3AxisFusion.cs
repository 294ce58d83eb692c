using StrategicTech.Navigation.Numerics;

namespace StrategicTech.Navigation.Estimation.Uav.Fusion;

/// <summary>
/// Three-axis magnetometer fusion: m = R^T magEarth + magBody. Observation rows for axis i:
/// attitude (R^T [magEarth]x)_i, earth field (R^T)_i, body bias e_i. Fused as three sequential scalars after all
/// three pass the gate; on persistent rejection it falls back to a yaw reset like the heading mode.
/// </summary>
public sealed class Mag3AxisFusion : IFusionSource<MagSample>
{
    private readonly UavEkfParameters _parameters;
    private readonly MagHeadingFusion _headingFallback;

    public Mag3AxisFusion(UavEkfParameters parameters, MagAnomalyMonitor monitor)
    {
        _parameters = parameters;
        Monitor = monitor;
        _headingFallback = new MagHeadingFusion(parameters, monitor);
    }

    public MagAnomalyMonitor Monitor { get; }

    public double TestRatio { get; private set; }

    public int RejectedCount { get; private set; }

    public long LastFusedUs { get; private set; }

    public int YawResetCount => _headingFallback.YawResetCount;

    public FusionOutcome Fuse(UavFilterCore core, in MagSample sample)
    {
        ArgumentNullException.ThrowIfNull(core);
        if (Monitor.IsDisturbed || Monitor.JustRecovered)
        {
            // The heading path owns disturbance bookkeeping and the recovery reset.
            return _headingFallback.Fuse(core, sample);
        }

        if (!Monitor.Update(core.TimeUs, sample.FieldGauss))
        {
            return FusionOutcome.Skipped;
        }

        double noiseVar = _parameters.MagNoiseGauss * _parameters.MagNoiseGauss;
        Span<int> index = stackalloc int[7];
        Span<double> h = stackalloc double[7];
        double maxRatio = 0;
        for (int axis = 0; axis < 3; axis++)
        {
            double innovation = BuildRow(core, sample.FieldGauss, axis, index, h);
            double s = core.InnovationVariance(index, h, noiseVar);
            maxRatio = Math.Max(maxRatio, ObservationRow.TestRatio(innovation, s, _parameters.MagGateSd));
        }

        TestRatio = maxRatio;
        if (maxRatio > 1)
        {
            RejectedCount++;
            return FusionOutcome.Rejected;
        }

        for (int axis = 0; axis < 3; axis++)
        {
            double innovation = BuildRow(core, sample.FieldGauss, axis, index, h);
            if (!core.FuseScalar(index, h, innovation, noiseVar))
            {
                RejectedCount++;
                return FusionOutcome.Rejected;
            }
        }

        LastFusedUs = core.TimeUs;
        return FusionOutcome.Fused;
    }

    private static double BuildRow(UavFilterCore core, Vector3 measured, int axis, Span<int> index, Span<double> h)
    {
        Matrix3 r = core.Rotation;
        Vector3 me = core.MagEarthGauss;
        Vector3 predicted = r.Transpose() * me + core.MagBodyGauss;

        // Row "axis" of R^T is column "axis" of R.
        double c0 = r[0, axis], c1 = r[1, axis], c2 = r[2, axis];

        // (R^T [me]x) row: c^T [me]x = (c1*me.Z - c2*me.Y, c2*me.X - c0*me.Z, c0*me.Y - c1*me.X) ... as row vector c^T * skew(me).
        index[0] = UavErrorIndex.Attitude;
        h[0] = (c1 * me.Z) - (c2 * me.Y);
        index[1] = UavErrorIndex.Attitude + 1;
        h[1] = (c2 * me.X) - (c0 * me.Z);
        index[2] = UavErrorIndex.Attitude + 2;
        h[2] = (c0 * me.Y) - (c1 * me.X);
        index[3] = UavErrorIndex.MagEarth;
        h[3] = c0;
        index[4] = UavErrorIndex.MagEarth + 1;
        h[4] = c1;
        index[5] = UavErrorIndex.MagEarth + 2;
        h[5] = c2;
        index[6] = UavErrorIndex.MagBody + axis;
        h[6] = 1.0;
        return measured[axis] - predicted[axis];
    }
}
