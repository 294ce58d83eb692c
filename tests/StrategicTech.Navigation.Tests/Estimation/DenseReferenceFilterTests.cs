using StrategicTech.Navigation.Estimation.Uav;
using Xunit.Abstractions;

namespace StrategicTech.Navigation.Tests.Estimation;

public sealed class DenseReferenceFilterTests(ITestOutputHelper output)
{
    [Fact]
    public void Fast_filter_equals_dense_reference_to_1e_9_over_10000_steps_with_all_sources()
    {
        var parameters = new UavEkfParameters { GnssDelayMs = 100, MagFusion = MagFusionMode.ThreeAxis, GnssAntennaBodyM = new(0.1, -0.05, -0.15) };
        var sim = new SyntheticFlight(seed: 31);
        var fast = new UavEkf(parameters);
        var dense = new UavEkf(parameters, new DenseReferenceKernel());
        var a = new double[UavStateIndex.Count];
        var b = new double[UavStateIndex.Count];
        double worstState = 0, worstCovariance = 0;
        for (int step = 0; step < 10_000; step++)
        {
            sim.Step();
            sim.Feed(fast);
            sim.Feed(dense);
            if (sim.HasBaro && sim.TimeUs > 9_000_000)
            {
                // Range finder over the flat take-off ground: height over cos(tilt), with noise.
                double range = -sim.TruePositionNedM.Z / sim.TrueAttitude.ToRotationMatrix().M33 + (0.02 * Math.Sin(step));
                fast.PushRange(new RangeSample(sim.TimeUs, range));
                dense.PushRange(new RangeSample(sim.TimeUs, range));
            }

            fast.DelayedState.CopyTo(a);
            dense.DelayedState.CopyTo(b);
            for (int i = 0; i < a.Length; i++)
            {
                worstState = Math.Max(worstState, Math.Abs(a[i] - b[i]));
            }

            ReadOnlySpan<double> pa = fast.Core.Covariance, pb = dense.Core.Covariance;
            for (int i = 0; i < pa.Length; i++)
            {
                worstCovariance = Math.Max(worstCovariance, Math.Abs(pa[i] - pb[i]));
            }
        }

        output.WriteLine($"worst state difference {worstState:E2}, worst covariance difference {worstCovariance:E2}");
        output.WriteLine($"fused: gnss {fast.Gnss.LastFusedUs} baro {fast.Baro.LastFusedUs} mag {fast.Mag3Axis.LastFusedUs} range {fast.Range.LastFusedUs} (µs)");
        Assert.True(fast.Gnss.LastFusedUs > 39_000_000 && fast.Baro.LastFusedUs > 39_000_000);
        Assert.True(fast.Mag3Axis.LastFusedUs > 39_000_000 && fast.Range.LastFusedUs > 30_000_000);
        Assert.InRange(worstState, 0, 1e-9);
        Assert.InRange(worstCovariance, 0, 1e-9);
    }
}
