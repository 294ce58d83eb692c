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

    public Mag3AxisFusion(UavEkfParameters parameters, MagAnomalyMonitor monitor, MagneticReference reference)
    {
        _parameters = parameters;
        Monitor = monitor;
        _headingFallback = new MagHeadingFusion(parameters, monitor, reference);
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
        switch (axis)
        {
            case 0:
                UavObservationRows.MagAxis0(r, me, h);
                break;
            case 1:
                UavObservationRows.MagAxis1(r, me, h);
                break;
            default:
                UavObservationRows.MagAxis2(r, me, h);
                break;
        }

        for (int k = 0; k < 3; k++)
        {
            index[k] = UavErrorIndex.Attitude + k;
            index[3 + k] = UavErrorIndex.MagEarth + k;
        }

        index[6] = UavErrorIndex.MagBody + axis;
        h[6] = 1.0;

        // Predicted axis: column "axis" of R dotted with the earth field, plus the body bias.
        double predicted = (r[0, axis] * me.X) + (r[1, axis] * me.Y) + (r[2, axis] * me.Z) + core.MagBodyGauss[axis];
        return measured[axis] - predicted;
    }
}
