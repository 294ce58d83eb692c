using StrategicTech.Navigation.Numerics;

namespace StrategicTech.Navigation.Estimation.Uav.Fusion;

/// <summary>
/// Downward range finder over flat ground at <see cref="GroundDownM"/>: range = (groundDown - positionDown) / R33,
/// R33 = cos(tilt). Used only when the tilt and the reading are in the valid range.
/// </summary>
public sealed class RangeHeightFusion : IFusionSource<RangeSample>
{
    private readonly UavEkfParameters _parameters;

    public RangeHeightFusion(UavEkfParameters parameters) => _parameters = parameters;

    /// <summary>Down coordinate of the ground below, m (0: the alignment height).</summary>
    public double GroundDownM { get; set; }

    public double TestRatio { get; private set; }

    public int RejectedCount { get; private set; }

    public long LastFusedUs { get; private set; }

    public FusionOutcome Fuse(UavFilterCore core, in RangeSample sample)
    {
        ArgumentNullException.ThrowIfNull(core);
        Matrix3 r = core.Rotation;
        double cosTilt = r.M33;
        if (cosTilt < _parameters.RangeMinCosTilt || sample.RangeM < _parameters.RangeMinM || sample.RangeM > _parameters.RangeMaxM)
        {
            return FusionOutcome.Skipped;
        }

        double predicted = (GroundDownM - core.PositionNedM.Z) / cosTilt;
        Span<int> index = [UavErrorIndex.Position + 2, UavErrorIndex.Attitude, UavErrorIndex.Attitude + 1];
        Span<double> h = stackalloc double[3];
        UavObservationRows.Range(r, GroundDownM, core.PositionNedM.Z, h);
        double noise = _parameters.RangeNoiseM;
        double innovation = sample.RangeM - predicted;
        double s = core.InnovationVariance(index, h, noise * noise);
        TestRatio = ObservationRow.TestRatio(innovation, s, _parameters.RangeGateSd);
        if (TestRatio > 1 || !core.FuseScalar(index, h, innovation, noise * noise))
        {
            RejectedCount++;
            return FusionOutcome.Rejected;
        }

        LastFusedUs = core.TimeUs;
        return FusionOutcome.Fused;
    }
}
