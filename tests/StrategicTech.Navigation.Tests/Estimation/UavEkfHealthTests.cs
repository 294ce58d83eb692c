using StrategicTech.Navigation.Estimation.Uav;
using StrategicTech.Navigation.Estimation.Uav.Fusion;
using StrategicTech.Navigation.Geodesy;
using StrategicTech.Navigation.Numerics;

namespace StrategicTech.Navigation.Tests.Estimation;

public sealed class UavEkfHealthTests
{
    private static GnssSample Fix(long timeUs, int fix = 3, int sats = 10, double eph = 0.5, double epv = 0.8, double sacc = 0.2) =>
        new(timeUs, GeodeticPosition.FromDegrees(47.4, 8.5, 500), Vector3.Zero, fix, sats, eph, epv, sacc);

    [Fact]
    public void Gnss_checks_need_every_criterion_to_hold_for_the_stable_time()
    {
        var check = new GnssQualityCheck(new UavEkfParameters { GnssStableTimeS = 2 });
        Assert.False(check.Update(Fix(0)));
        Assert.False(check.Update(Fix(1_900_000)));
        Assert.True(check.Update(Fix(2_000_000)));
        Assert.False(check.Update(Fix(2_200_000, sats: 5)));
        Assert.Equal(GnssCheckFailures.Satellites, check.Failures);
        Assert.False(check.Update(Fix(2_400_000, fix: 2, eph: 6, epv: 9, sacc: 2)));
        Assert.Equal(GnssCheckFailures.FixType | GnssCheckFailures.HorizontalAccuracy | GnssCheckFailures.VerticalAccuracy | GnssCheckFailures.SpeedAccuracy, check.Failures);

        // A failure restarts the clock.
        Assert.False(check.Update(Fix(2_600_000)));
        Assert.False(check.Update(Fix(4_500_000)));
        Assert.True(check.Update(Fix(4_600_000)));
    }

    [Fact]
    public void Covariance_stays_exactly_symmetric_and_positive_definite_through_faults()
    {
        var sim = new SyntheticFlight(seed: 41);
        var filter = new UavEkf(new UavEkfParameters { GnssDelayMs = 100, MagFusion = MagFusionMode.ThreeAxis });
        int checks = 0;
        while (sim.TimeUs < 60_000_000)
        {
            long t = sim.TimeUs;
            sim.GnssAvailable = t is < 25_000_000 or > 35_000_000;
            sim.GnssOffsetNedM = t is > 40_000_000 and < 45_000_000 ? new Vector3(50, 0, 0) : Vector3.Zero;
            sim.MagDisturbanceBodyGauss = t is > 48_000_000 and < 52_000_000 ? new Vector3(0.5, 0, 0) : Vector3.Zero;
            sim.Step();
            sim.Feed(filter);
            if (t % 100_000 == 0 && filter.IsAligned)
            {
                AssertSymmetricPositiveDefinite(filter.Core);
                checks++;
            }
        }

        Assert.True(checks > 500, $"only {checks} checks"); // measured 599; bound 500
    }

    [Fact]
    public void Baro_offset_follows_gnss_height_with_its_time_constant_when_enabled()
    {
        var core = new UavFilterCore(new UavEkfParameters());
        Span<double> variances = stackalloc double[UavErrorIndex.Count];
        variances.Fill(1.0);
        core.Initialise(new UavState(Quaternion.Identity, default, default, default, default, default, default, 0, 0), variances, 0);

        var enabled = new BaroHeightFusion(new UavEkfParameters { BaroGnssOffsetTimeConstantS = 10 }) { OffsetM = 480 };
        enabled.Fuse(core, new BaroSample(0, 490.0));
        for (int i = 0; i < 50; i++)
        {
            enabled.FollowReferenceHeight(referenceHeightUpM: 12.0, dtS: 0.2);
        }

        // Target offset 490 - 12 = 478; after one time constant 1 - e^-1 (~63 %) of the 2 m step is taken.
        // Measured 478.728 m (the 0.2 s steps give 478 + 2 × 0.98^50; continuous time would be 478.736 m); bound ± 0.01 m.
        Assert.InRange(enabled.OffsetM, 478.72, 478.74);

        var disabled = new BaroHeightFusion(new UavEkfParameters()) { OffsetM = 480 };
        disabled.Fuse(core, new BaroSample(0, 490.0));
        disabled.FollowReferenceHeight(12.0, 100);
        Assert.Equal(480, disabled.OffsetM);
    }

    private static void AssertSymmetricPositiveDefinite(UavFilterCore core)
    {
        const int n = UavErrorIndex.Count, s = UavFilterCore.Stride;
        ReadOnlySpan<double> p = core.Covariance;
        var l = new double[n * n];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                Assert.Equal(p[(i * s) + j], p[(j * s) + i]);
            }
        }

        // Cholesky over the states that are not frozen (frozen ones have zero rows and columns by design).
        for (int i = 0; i < n; i++)
        {
            if (core.IsInhibited(i))
            {
                Assert.Equal(0.0, p[(i * s) + i]);
                continue;
            }

            for (int j = 0; j <= i; j++)
            {
                if (core.IsInhibited(j))
                {
                    continue;
                }

                double sum = p[(i * s) + j];
                for (int k = 0; k < j; k++)
                {
                    sum -= l[(i * n) + k] * l[(j * n) + k];
                }

                if (i == j)
                {
                    Assert.True(sum > 0, $"covariance not positive definite at state {i}");
                    l[(i * n) + i] = Math.Sqrt(sum);
                }
                else
                {
                    l[(i * n) + j] = sum / l[(j * n) + j];
                }
            }
        }
    }

    private static double Sq(double x) => x * x;

    [Fact]
    public void Auto_mag_mode_uses_heading_on_the_ground_and_three_axes_in_the_air()
    {
        var sim = new SyntheticFlight(seed: 44);
        var filter = new UavEkf(new UavEkfParameters { GnssDelayMs = 100, MagFusion = MagFusionMode.Auto });
        while (sim.TimeUs < 7_000_000)
        {
            sim.Step();
            sim.Feed(filter);
        }

        Assert.True(filter.Core.IsInhibited(UavErrorIndex.MagEarth));
        Assert.True(filter.MagHeading.LastFusedUs > 6_000_000); // measured 6.9 s; bound 6 s
        Assert.Equal(0, filter.Mag3Axis.LastFusedUs);
        while (sim.TimeUs < 30_000_000)
        {
            sim.Step();
            sim.Feed(filter);
        }

        Assert.False(filter.Core.IsInhibited(UavErrorIndex.MagEarth));
        Assert.True(filter.Mag3Axis.LastFusedUs > 29_000_000); // measured 29.9 s; bound 29 s
        Vector3 fieldError = filter.Core.MagEarthGauss - SyntheticFlight.EarthFieldNedGauss;
        Assert.InRange(fieldError.Length, 0, 0.006); // measured 0.0040 G; bound 0.006 G
        double yawErrorDeg = Math.Abs(Math.IEEERemainder(filter.State.Attitude.ToEuler().Z - sim.TrueAttitude.ToEuler().Z, 2 * Math.PI)) * 180 / Math.PI;
        Assert.InRange(yawErrorDeg, 0, 0.28); // measured 0.185°; bound 0.28°
    }

    [Fact]
    public void Antenna_lever_arm_is_compensated()
    {
        var lever = new Vector3(0.0, 0.0, -1.5); // mast 1.5 m above the IMU: large position swing with roll and pitch
        double Run(Vector3 filterLever)
        {
            var sim = new SyntheticFlight(seed: 43) { GnssAntennaBodyM = lever };
            var filter = new UavEkf(new UavEkfParameters { GnssDelayMs = 100, GnssAntennaBodyM = filterLever });
            double sum = 0;
            int n = 0;
            while (sim.TimeUs < 40_000_000)
            {
                sim.Step();
                sim.Feed(filter);
                if (sim.TimeUs > 15_000_000)
                {
                    Vector3 truth = sim.TruthInFilterFrame(filter);
                    sum += Sq(filter.State.PositionNedM.X - truth.X) + Sq(filter.State.PositionNedM.Y - truth.Y);
                    n++;
                }
            }

            return Math.Sqrt(sum / n);
        }

        double compensated = Run(lever), ignored = Run(Vector3.Zero);
        Assert.InRange(compensated, 0, 0.19); // measured 0.128 m RMS; bound 0.19 m
        Assert.True(ignored > 3.5 * compensated, $"with lever arm {compensated:F3} m, without {ignored:F3} m"); // measured 0.689 m = 5.4×; bound 3.5×
    }

    [Fact]
    public void Output_predictor_tracks_the_current_horizontal_position_closer_than_the_delayed_state()
    {
        var sim = new SyntheticFlight(seed: 42);
        var filter = new UavEkf(new UavEkfParameters { GnssDelayMs = 100 });
        double outputSq = 0, delayedSq = 0;
        int n = 0;
        while (sim.TimeUs < 30_000_000)
        {
            sim.Step();
            sim.Feed(filter);
            if (sim.TimeUs > 15_000_000)
            {
                Vector3 truth = sim.TruthInFilterFrame(filter);
                Vector3 output = filter.State.PositionNedM, delayed = filter.DelayedState.PositionNedM;
                outputSq += Sq(output.X - truth.X) + Sq(output.Y - truth.Y);
                delayedSq += Sq(delayed.X - truth.X) + Sq(delayed.Y - truth.Y);
                n++;
            }
        }

        double outputRms = Math.Sqrt(outputSq / n), delayedRms = Math.Sqrt(delayedSq / n);
        Assert.InRange(outputRms, 0, 0.23); // measured 0.154 m RMS; bound 0.23 m
        Assert.True(delayedRms > 2 * outputRms, $"delayed {delayedRms:F3} vs output {outputRms:F3} m"); // measured 0.380 m = 2.47×; bound 2×
        Assert.Equal(filter.Output.TimeUs, sim.TimeUs);
        Assert.Equal(sim.TimeUs - filter.Parameters.HorizonUs, filter.Core.TimeUs); // measured exactly the horizon behind (was ± 4 ms)
    }
}
