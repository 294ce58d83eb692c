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

        double height = GroundDownM - core.PositionNedM.Z;
        double predicted = height / cosTilt;
        double k = -height / (cosTilt * cosTilt);

        // dR33 = dTheta_x * R23 - dTheta_y * R13 for a left (earth-frame) attitude error.
        Span<int> index = [UavErrorIndex.Position + 2, UavErrorIndex.Attitude, UavErrorIndex.Attitude + 1];
        Span<double> h = [-1.0 / cosTilt, k * r.M23, -k * r.M13];
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
