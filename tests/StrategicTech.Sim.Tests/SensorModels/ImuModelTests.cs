using StrategicTech.Navigation.Numerics;
using StrategicTech.Sim.Physics;
using StrategicTech.Sim.SensorModels;
using StrategicTech.Sim.SensorModels.Samples;
using static StrategicTech.Sim.Tests.SensorModels.SensorFixtures;

namespace StrategicTech.Sim.Tests.SensorModels;

// Tolerances given in decimals in this class are rounding epsilons on exact identities (ideal sampling, constant
// bias, exact specific force); the statistical bounds carry their measured values.
public sealed class ImuModelTests
{
    private static ImuParameters NoiseOnly => ImuParameters.Ideal with
    {
        GyroNoiseDensityRadPerSPerSqrtHz = 0.003,
        AccelNoiseDensityMps2PerSqrtHz = 0.002,
    };

    private static List<ImuSample> Collect(ImuModel imu, int steps, Func<long, VehicleTruth> truthAt, long stepUs = 1000)
    {
        var samples = new List<ImuSample>();
        for (int i = 0; i <= steps; i++)
        {
            VehicleTruth t = truthAt(i * stepUs);
            if (imu.Update(in t, out ImuSample s))
            {
                samples.Add(s);
            }
        }

        return samples;
    }

    [Fact]
    public void An_ideal_imu_at_rest_integrates_one_g_up_at_the_output_rate()
    {
        var imu = new ImuModel(ImuParameters.Ideal with { OutputRateHz = 250 }, 1);
        List<ImuSample> samples = Collect(imu, 1000, t => AtRest(t));

        Assert.Equal(250, samples.Count);
        for (int i = 0; i < samples.Count; i++)
        {
            Assert.Equal(4000L * (i + 1), samples[i].TimeUs);
            Assert.Equal(0.004, samples[i].DtS, 12);
            Assert.Equal(-G * 0.004, samples[i].DeltaVelocityFrdMps.Z, 12);
            Assert.Equal(Vector3.Zero, samples[i].DeltaAngleFrdRad);
        }
    }

    [Fact]
    public void White_noise_has_zero_mean_and_the_standard_deviation_of_its_density()
    {
        var imu = new ImuModel(NoiseOnly, 11);
        List<ImuSample> samples = Collect(imu, 40_000, t => AtRest(t));

        double[] rate = [.. samples.Select(s => s.DeltaAngleFrdRad.Y / s.DtS)];
        double[] accel = [.. samples.Select(s => (s.DeltaVelocityFrdMps.Z / s.DtS) + G)];
        (double rateMean, double rateStd) = Statistics(rate);
        (double accelMean, double accelStd) = Statistics(accel);

        // σ of a rate sample = N·√(rate); 40 000 samples give σ/√N ≈ 0.5 % resolution.
        double expectedRateStd = 0.003 * Math.Sqrt(1000);
        double expectedAccelStd = 0.002 * Math.Sqrt(1000);
        // Measured with this seed and two others; each bound is 1.5 × the worst deviation of the three (seeds 11, 12, 13).
        Assert.InRange(rateStd, expectedRateStd * 0.996, expectedRateStd * 1.004); // measured +0.24 % (worst 0.28 %)
        Assert.InRange(accelStd, expectedAccelStd * 0.995, expectedAccelStd * 1.005); // measured +0.34 % (worst)
        Assert.InRange(rateMean, -0.9 * expectedRateStd / 200, 0.9 * expectedRateStd / 200); // measured 0.07 σ/√N (worst 0.58)
        Assert.InRange(accelMean, -0.4 * expectedAccelStd / 200, 0.4 * expectedAccelStd / 200); // measured 0.14 σ/√N (worst 0.25)
    }

    [Fact]
    public void Bias_random_walk_spreads_with_the_square_root_of_time()
    {
        const double walk = 1e-3;
        var parameters = ImuParameters.Ideal with { GyroBiasRandomWalkRadPerSPerSqrtS = walk, OutputRateHz = 100 };
        const int vehicles = 600;
        var at1 = new double[vehicles];
        var at4 = new double[vehicles];
        for (int v = 0; v < vehicles; v++)
        {
            var imu = new ImuModel(parameters, (ulong)v + 1000);
            for (int i = 0; i <= 4000; i++)
            {
                VehicleTruth t = AtRest(i * 1000L);
                imu.Update(in t, out _);
                if (i == 1000)
                {
                    at1[v] = imu.GyroBiasFrdRadPerS.X;
                }
            }

            at4[v] = imu.GyroBiasFrdRadPerS.X;
        }

        double std1 = Statistics(at1).StdDev, std4 = Statistics(at4).StdDev;
        // σ(t) = walk·√t: ≈ 1e-3 after 1 s and 2e-3 after 4 s (600 draws: ±3σ ≈ ±9 %).
        // Measured with this seed and two others; each bound is 1.5 × the worst deviation of the three (seed bases 1000, 2000, 3000).
        Assert.InRange(std1, walk * 0.977, walk * 1.023); // measured +1.5 % (worst)
        Assert.InRange(std4, 2 * walk * 0.95, 2 * walk * 1.05); // measured +0.01 % (worst +3.3 %)
        Assert.InRange(std4 / std1, 1.915, 2.085); // measured 1.971 (worst 2.057)
    }

    [Fact]
    public void Turn_on_bias_is_drawn_once_with_the_configured_spread()
    {
        var parameters = ImuParameters.Ideal with { AccelTurnOnBiasStdDevMps2 = 0.05 };
        double[] biases = [.. Enumerable.Range(0, 2000).Select(i => new ImuModel(parameters, (ulong)i).AccelBiasFrdMps2.Y)];
        (double mean, double std) = Statistics(biases);
        // Measured with this seed and two others; each bound is 1.5 × the worst deviation of the three (seed bases 0, 5000, 10000).
        Assert.InRange(std, 0.05 * 0.974, 0.05 * 1.026); // measured −1.7 % (worst)
        Assert.InRange(mean, -0.0021, 0.0021); // measured −0.0014 m/s² (worst)

        var imu = new ImuModel(parameters, 5);
        Vector3 bias = imu.AccelBiasFrdMps2;
        List<ImuSample> samples = Collect(imu, 10, t => AtRest(t));
        Assert.Equal(bias.Y * samples[0].DtS, samples[0].DeltaVelocityFrdMps.Y, 12);
    }

    [Fact]
    public void Readings_beyond_the_range_are_clipped_and_flagged()
    {
        var parameters = ImuParameters.Ideal with { GyroRangeRadPerS = 10, AccelRangeMps2 = 50 };
        var imu = new ImuModel(parameters, 1);
        List<ImuSample> samples = Collect(imu, 3, t => AtRest(t) with
        {
            DeltaAngleFrdRad = new Vector3(25, -3, -40) * 0.001,
            SpecificForceFrdMps2 = new Vector3(0, 80, -9.8),
        });

        ImuSample s = samples[^1];
        Assert.True(s.GyroClipped && s.AccelClipped);
        Assert.Equal(new Vector3(10, -3, -10) * s.DtS, s.DeltaAngleFrdRad);
        Assert.Equal(50 * s.DtS, s.DeltaVelocityFrdMps.Y, 12);
        Assert.Equal(-9.8 * s.DtS, s.DeltaVelocityFrdMps.Z, 12);

        var calm = new ImuModel(parameters, 1);
        Assert.False(Collect(calm, 3, t => AtRest(t))[^1].GyroClipped);
    }

    [Fact]
    public void The_same_seed_repeats_the_sequence_and_another_seed_does_not()
    {
        List<ImuSample> a = Collect(new ImuModel(ImuParameters.Default, 77), 500, t => AtRest(t));
        List<ImuSample> b = Collect(new ImuModel(ImuParameters.Default, 77), 500, t => AtRest(t));
        List<ImuSample> c = Collect(new ImuModel(ImuParameters.Default, 78), 500, t => AtRest(t));

        Assert.Equal(a, b);
        Assert.Equal(a.Count, c.Count);
        Assert.All(a.Zip(c), pair => Assert.NotEqual(pair.First.DeltaAngleFrdRad, pair.Second.DeltaAngleFrdRad));
    }
}
