using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using StrategicTech.Navigation.Estimation.Amr;
using StrategicTech.TestSupport;
using PropertyAttribute = FsCheck.Xunit.PropertyAttribute;

namespace StrategicTech.Navigation.Tests.Estimation.Amr;

public class AmrEkfTests
{
    private static AmrEkf Started(AmrEkfParameters? parameters = null)
    {
        var ekf = new AmrEkf(parameters);
        ekf.Initialize(1_000_000, new AmrState(2, 3, 0.5, 1.0, 0.1, 0.01, 1.0));
        ekf.FuseGyro(new AmrGyroSample(1_010_000, 0.11));
        ekf.FuseWheelSpeeds(new AmrWheelSpeedsSample(1_020_000, 0.97, 1.03));
        return ekf;
    }

    private static double[] Snapshot(AmrEkf ekf)
    {
        var values = new List<double> { ekf.TimeUs };
        AmrState s = ekf.State;
        values.AddRange([s.XM, s.YM, s.YawRad, s.SpeedMps, s.YawRateRadps, s.GyroBiasRadps, s.WheelScale]);
        for (int i = 0; i < AmrStateIndex.Max; i++)
        {
            for (int j = 0; j < AmrStateIndex.Max; j++)
            {
                values.Add(ekf.Covariance(i, j));
            }
        }

        return [.. values];
    }

    [Fact]
    public void Out_of_order_and_non_finite_samples_are_counted_and_leave_the_state_untouched()
    {
        AmrEkf ekf = Started();
        double[] before = Snapshot(ekf);
        Assert.Equal(AmrFusionStatus.RejectedOutOfOrder, ekf.FuseGyro(new AmrGyroSample(1_015_000, 0.1)));
        Assert.Equal(AmrFusionStatus.RejectedOutOfOrder, ekf.FuseOdometry(new AmrOdometrySample(1_000_000, 1, 0)));
        Assert.Equal(AmrFusionStatus.RejectedOutOfOrder, ekf.FusePoseFix(new AmrPoseFixSample(999_999, 2, 3, 0.5, 0.01, 0.01, 0.01)));
        Assert.Equal(AmrFusionStatus.RejectedOutOfOrder, ekf.PredictTo(1_019_999));
        Assert.Equal(AmrFusionStatus.RejectedInvalid, ekf.FuseGyro(new AmrGyroSample(2_000_000, double.NaN)));
        Assert.Equal(AmrFusionStatus.RejectedInvalid, ekf.FuseWheelSpeeds(new AmrWheelSpeedsSample(2_000_000, double.PositiveInfinity, 1)));
        Assert.Equal(AmrFusionStatus.RejectedInvalid, ekf.FusePoseFix(new AmrPoseFixSample(2_000_000, double.NaN, 3, 0.5, 0.01, 0.01, 0.01)));
        Assert.Equal(AmrFusionStatus.RejectedInvalid, ekf.FusePoseFix(new AmrPoseFixSample(2_000_000, 2, 3, 0.5, 0.01, -0.01, 0.01)));
        // Not positive definite: |cov xy| > sqrt(var x var y).
        Assert.Equal(AmrFusionStatus.RejectedInvalid, ekf.FusePoseFix(new AmrPoseFixSample(2_000_000, 2, 3, 0.5, 0.01, 0.01, 0.01, CovarianceXYM2: 0.02)));
        Assert.Equal(before, Snapshot(ekf));
        Assert.Equal(1, ekf.GyroCounters.RejectedOutOfOrder);
        Assert.Equal(1, ekf.GyroCounters.RejectedInvalid);
        Assert.Equal(1, ekf.OdometryCounters.RejectedOutOfOrder);
        Assert.Equal(1, ekf.OdometryCounters.RejectedInvalid);
        Assert.Equal(1, ekf.PoseFixCounters.RejectedOutOfOrder);
        Assert.Equal(3, ekf.PoseFixCounters.RejectedInvalid);
        Assert.Equal(1, ekf.RejectedPredictions);
    }

    [Fact]
    public void Samples_before_initialisation_are_refused()
    {
        var ekf = new AmrEkf();
        Assert.Equal(AmrFusionStatus.RejectedNotInitialized, ekf.FuseGyro(new AmrGyroSample(0, 0)));
        Assert.False(ekf.IsInitialized);
    }

    [Fact]
    public void Yaw_innovation_wraps_across_pi()
    {
        var ekf = new AmrEkf();
        ekf.Initialize(0, new AmrState(0, 0, Math.PI - 0.01, 0, 0, 0, 1));
        double fixYaw = -Math.PI + 0.01; // 0.02 rad away across the cut, not 6.26 rad
        Assert.Equal(AmrFusionStatus.Accepted, ekf.FusePoseFix(new AmrPoseFixSample(0, 0, 0, fixYaw, 0.01, 0.01, 1e-4)));
        double yaw = ekf.State.YawRad;
        Assert.True(Math.Abs(AmrAngle.Wrap(yaw - Math.PI)) < 0.01, $"yaw {yaw} should sit near ±pi");
        Assert.InRange(yaw, -Math.PI, Math.PI);
        Assert.True(ekf.PoseFixCounters.LastTestRatio < 0.1);
    }

    [Fact]
    public void Constant_turn_returns_to_the_start_after_one_circle()
    {
        var ekf = new AmrEkf();
        ekf.Initialize(0, new AmrState(0, 0, 0, 1.0, 1.0, 0, 1));
        long end = (long)Math.Round(2 * Math.PI * 1e6);
        for (long t = 10_000; t < end; t += 10_000)
        {
            ekf.PredictTo(t);
        }

        ekf.PredictTo(end);
        Assert.True(Math.Abs(ekf.State.XM) < 1e-4 && Math.Abs(ekf.State.YM) < 1e-4, $"end {ekf.State}");
        Assert.True(Math.Abs(ekf.State.YawRad) < 1e-6); // the end time is rounded to 1 µs
    }

    [Fact]
    public void Six_state_mode_holds_the_wheel_scale()
    {
        AmrEkf ekf = Started(AmrEkfParameters.Default with { EstimateWheelScale = false });
        Assert.Equal(6, ekf.StateCount);
        Assert.Equal(AmrFusionStatus.Accepted, ekf.FuseWheelSpeeds(new AmrWheelSpeedsSample(1_040_000, 1.2, 1.3)));
        Assert.Equal(1.0, ekf.State.WheelScale);
        Assert.Equal(0, ekf.Covariance(AmrStateIndex.WheelScale, AmrStateIndex.WheelScale));
    }

    [Fact]
    public void Bad_parameters_name_themselves()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new AmrEkf(AmrEkfParameters.Default with { TrackWidthM = -0.5 }));
        Assert.Equal(nameof(AmrEkfParameters.TrackWidthM), e.ParamName);
        e = Assert.Throws<ArgumentOutOfRangeException>(() => new AmrEkf(AmrEkfParameters.Default with { GyroNoiseRadps = double.NaN }));
        Assert.Equal(nameof(AmrEkfParameters.GyroNoiseRadps), e.ParamName);
        e = Assert.Throws<ArgumentOutOfRangeException>(() => new AmrEkf(AmrEkfParameters.Default with { GateProbability = 1.0 }));
        Assert.Equal(nameof(AmrEkfParameters.GateProbability), e.ParamName);
    }

    [Theory]
    [InlineData(0.95, 1, 3.841459)]
    [InlineData(0.95, 2, 5.991465)]
    [InlineData(0.95, 3, 7.814728)]
    [InlineData(0.999, 1, 10.827566)]
    [InlineData(0.999, 3, 16.266236)]
    [InlineData(0.975, 150, 185.800447)]
    [InlineData(0.025, 150, 117.984517)]
    public void Chi_square_quantiles_match_the_tables(double p, int dof, double expected)
    {
        Assert.Equal(expected, ChiSquare.Quantile(p, dof), 4);
    }

    [Fact]
    public void Predict_and_every_fusion_allocate_nothing()
    {
        AmrEkf ekf = Started();
        long t = 2_000_000;
        Allocations.AssertZero(() => ekf.PredictTo(t += 1000), 1000);
        Allocations.AssertZero(() => ekf.FuseGyro(new AmrGyroSample(t += 1000, 0.1)), 1000);
        Allocations.AssertZero(() => ekf.FuseOdometry(new AmrOdometrySample(t += 1000, 1.0, 0.1)), 1000);
        Allocations.AssertZero(() => ekf.FuseWheelSpeeds(new AmrWheelSpeedsSample(t += 1000, 0.97, 1.03)), 1000);
        Allocations.AssertZero(() => ekf.FusePoseFix(new AmrPoseFixSample(t += 1000, ekf.State.XM, ekf.State.YM, ekf.State.YawRad, 0.01, 0.01, 0.001)), 1000);
    }

    /// <summary>Random sample sequences (any values, any order) keep the covariance symmetric and positive definite.</summary>
    [Property(MaxTest = 200)]
    public Property Covariance_stays_symmetric_positive_definite()
    {
        Gen<(int Kind, int DtUs, double A, double B)> step =
            from kind in Gen.Choose(0, 4)
            from dt in Gen.Choose(-5_000, 200_000)
            from a in Gen.Choose(-3000, 3000)
            from b in Gen.Choose(-3000, 3000)
            select (kind, dt, a / 1000.0, b / 1000.0);
        return Prop.ForAll(Gen.ArrayOf(step, 60).ToArbitrary(), steps =>
        {
            AmrEkf ekf = Started();
            long t = ekf.TimeUs;
            foreach ((int kind, int dtUs, double a, double b) in steps)
            {
                t += dtUs;
                _ = kind switch
                {
                    0 => ekf.FuseGyro(new AmrGyroSample(t, a)),
                    1 => ekf.FuseWheelSpeeds(new AmrWheelSpeedsSample(t, a, b)),
                    2 => ekf.FuseOdometry(new AmrOdometrySample(t, a, b)),
                    3 => ekf.FusePoseFix(new AmrPoseFixSample(t, a * 10, b * 10, a, 0.0025, 0.0025 * (1 + Math.Abs(b)), 1e-4)),
                    _ => ekf.PredictTo(t),
                };
                if (!IsSymmetricPositiveDefinite(ekf))
                {
                    return false;
                }
            }

            return true;
        });
    }

    private static bool IsSymmetricPositiveDefinite(AmrEkf ekf)
    {
        int n = ekf.StateCount;
        var l = new double[n, n];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j <= i; j++)
            {
                if (ekf.Covariance(i, j) != ekf.Covariance(j, i))
                {
                    return false;
                }

                double sum = ekf.Covariance(i, j);
                for (int k = 0; k < j; k++)
                {
                    sum -= l[i, k] * l[j, k];
                }

                if (i == j)
                {
                    if (!(sum > 0))
                    {
                        return false;
                    }

                    l[i, i] = Math.Sqrt(sum);
                }
                else
                {
                    l[i, j] = sum / l[j, j];
                }
            }
        }

        return true;
    }
}
