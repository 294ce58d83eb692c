using StrategicTech.Navigation.Estimation.Uav;
using StrategicTech.Navigation.Geodesy;
using StrategicTech.Navigation.Numerics;
using E = StrategicTech.Navigation.Estimation.Uav.UavErrorIndex;

namespace StrategicTech.Navigation.Tests.Estimation;

public sealed class GnssReferenceUncertaintyTests
{
    private static GnssSample Fix(double ephM, double epvM) =>
        new(1_000_000, GeodeticPosition.FromDegrees(47.3977, 8.5456, 488.0), Vector3.Zero, 3, 12, ephM, epvM, 0.05);

    [Fact]
    public void Origin_fix_sets_both_variances_and_later_fixes_move_only_the_horizontal_one()
    {
        var reference = new GnssReferenceUncertainty();
        reference.Track(Fix(2.0, 3.0));
        Assert.False(reference.IsSet);
        Assert.Equal(0.0, reference.HorizontalVarianceM2);

        reference.SetOrigin(Fix(0.5, 0.8));
        Assert.True(reference.IsSet);
        Assert.Equal(0.25, reference.AxisVarianceM2(0), 12);
        Assert.Equal(0.25, reference.AxisVarianceM2(1), 12);
        Assert.Equal(0.64, reference.AxisVarianceM2(2), 12);

        // The horizontal frame follows the receiver's current error; the height datum was taken once, at the origin.
        reference.Track(Fix(1.2, 2.5));
        Assert.Equal(1.44, reference.AxisVarianceM2(0), 12);
        Assert.Equal(0.64, reference.AxisVarianceM2(2), 12);
    }

    [Fact]
    public void Absolute_position_covariance_is_the_filter_block_plus_the_receiver_variance_on_the_diagonal()
    {
        var model = new SyntheticSensorModel();
        var sim = new SyntheticFlight(seed: 7, model);
        var filter = new UavEkf(new UavEkfParameters { GnssDelayMs = 100 });
        while (sim.TimeUs < 15_000_000)
        {
            sim.Step();
            sim.Feed(filter);
        }

        Assert.True(filter.Gnss.HasOrigin);
        Assert.True(filter.GnssReference.IsSet);
        double eph = model.GnssPositionNoiseM;
        Assert.Equal(eph * eph, filter.GnssReference.HorizontalVarianceM2, 12);
        ReadOnlySpan<double> p = filter.Core.Covariance;
        for (int i = 0; i < 3; i++)
        {
            for (int j = 0; j < 3; j++)
            {
                double block = p[((E.Position + i) * UavFilterCore.Stride) + E.Position + j];
                double expected = block + (i == j ? filter.GnssReference.AxisVarianceM2(i) : 0);
                Assert.Equal(expected, filter.AbsolutePositionCovariance(i, j), 15);
            }
        }
    }
}
