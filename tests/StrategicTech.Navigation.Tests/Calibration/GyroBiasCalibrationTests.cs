using FsCheck;
using FsCheck.Fluent;
using StrategicTech.Navigation.Calibration;
using StrategicTech.Navigation.Numerics;
using static StrategicTech.Navigation.Tests.Calibration.CalibrationSynthesis;
using PropertyAttribute = FsCheck.Xunit.PropertyAttribute;

namespace StrategicTech.Navigation.Tests.Calibration;

public class GyroBiasCalibrationTests
{
    private const double NoiseRadps = 0.005;

    /// <summary>1 000 still samples, bias ±0.1 rad/s, noise 0.005 rad/s: measured worst error 5.3e-4 rad/s over 300 seeds; bound 8e-4 rad/s.</summary>
    [Property(MaxTest = 300)]
    public Property Still_window_recovers_the_injected_bias_within_8e_4_radps()
    {
        return Prop.ForAll(Gen.Choose(0, int.MaxValue).ToArbitrary(), seed =>
        {
            var random = new Random(seed);
            Vector3 bias = UniformVector(random, 0.1);
            var stats = default(VectorStatistics);
            for (int i = 0; i < 1000; i++)
            {
                stats.Add(bias + GaussianVector(random, NoiseRadps));
            }

            GyroBiasResult result = GyroBiasCalibration.Solve(stats);
            return result.Succeeded && MaxAbs(result.BiasRadps - bias) < 8e-4;
        });
    }

    /// <summary>A 0.2 rad/s swing (someone turning the vehicle) exceeds the 0.02 rad/s motion threshold.</summary>
    [Property(MaxTest = 100)]
    public Property Window_with_rotation_is_refused_as_motion()
    {
        return Prop.ForAll(Gen.Choose(0, int.MaxValue).ToArbitrary(), seed =>
        {
            var random = new Random(seed);
            Vector3 bias = UniformVector(random, 0.1);
            Vector3 axis = UnitVector(random);
            var stats = default(VectorStatistics);
            for (int i = 0; i < 1000; i++)
            {
                stats.Add(bias + (axis * (0.2 * Math.Sin(2 * Math.PI * i / 500.0))) + GaussianVector(random, NoiseRadps));
            }

            return GyroBiasCalibration.Solve(stats).Problem == CalibrationProblem.Motion;
        });
    }

    [Fact]
    public void Fewer_than_100_samples_are_refused()
    {
        var stats = default(VectorStatistics);
        for (int i = 0; i < GyroBiasCalibration.MinSamples - 1; i++)
        {
            stats.Add(new Vector3(0.01, 0, 0));
        }

        Assert.Equal(CalibrationProblem.TooFewSamples, GyroBiasCalibration.Solve(stats).Problem);
    }

    [Fact]
    public void Statistics_match_the_two_pass_mean_and_standard_deviation()
    {
        var random = new Random(7);
        Vector3[] values = [.. Enumerable.Range(0, 200).Select(_ => UniformVector(random, 3.0) + new Vector3(5, -2, 1))];
        var stats = default(VectorStatistics);
        foreach (Vector3 v in values)
        {
            stats.Add(v);
        }

        double meanX = values.Average(v => v.X);
        double stdX = Math.Sqrt(values.Sum(v => (v.X - meanX) * (v.X - meanX)) / (values.Length - 1));
        Assert.Equal(meanX, stats.Mean.X, 12);
        Assert.Equal(stdX, stats.StandardDeviation.X, 12);
    }
}
