using StrategicTech.Navigation.Estimation.Uav;
using StrategicTech.Navigation.Numerics;
using StrategicTech.TestSupport;
using Xunit.Abstractions;

namespace StrategicTech.Navigation.Tests.Estimation;

/// <summary>The IMU horizon buffer at IMU rates above 1 kHz: sized from the declared rate, overrun a health fault.</summary>
public class UavEkfImuRateTests(ITestOutputHelper output)
{
    private const long EndUs = 30_000_000;
    private const long ScoreFromUs = 12_000_000;

    private static readonly int[] Seeds = [30, 31, 32];

    // Bounds: 1.5x the worst RMSE of seeds 30, 31, 32 (12..30 s). Measured (seed 30 / 31 / 32):
    // 1 kHz: 0.293 / 0.215 / 0.319 m, 0.065 / 0.099 / 0.099 m/s, 1.69 / 2.78 / 2.44 deg;
    // 4 kHz: 0.371 / 0.391 / 0.335 m, 0.056 / 0.071 / 0.076 m/s, 1.13 / 0.95 / 1.34 deg;
    // 8 kHz: 0.442 / 0.241 / 0.125 m, 0.076 / 0.094 / 0.077 m/s, 1.94 / 1.76 / 1.26 deg (the 1 kHz row is the reference).
    [Theory]
    [InlineData(1000, 1000, 0.48, 0.149, 4.2)] // worst 0.319 m, 0.0993 m/s, 2.78 deg
    [InlineData(4000, 250, 0.59, 0.114, 2.0)] // worst 0.391 m, 0.0764 m/s, 1.34 deg
    [InlineData(8000, 125, 0.66, 0.14, 2.9)] // worst 0.442 m, 0.0937 m/s, 1.94 deg
    public void A_fast_imu_declared_as_such_has_every_sample_predicted_once_no_overrun_and_an_rmse_within_1_5x_the_worst_of_three_seeds(
        double rateHz, long intervalUs, double positionBoundM, double velocityBoundMps, double attitudeBoundDeg)
    {
        Run worst = default;
        foreach (int seed in Seeds)
        {
            var filter = new UavEkf(new UavEkfParameters { MaxImuRateHz = rateHz, MagFusion = MagFusionMode.ThreeAxis });
            Run run = Fly(filter, intervalUs, seed);
            Assert.Equal(0, filter.ImuOverrunCount);
            Assert.Equal(UavEkfFlags.None, filter.Flags & UavEkfFlags.ImuBufferOverrun);
            Assert.Equal(run.AlignedImuSamples, filter.PredictedImuCount + filter.BufferedImuCount);
            Assert.True(filter.BufferedImuCount >= filter.Parameters.HorizonUs / intervalUs, $"horizon holds {filter.BufferedImuCount} samples");
            worst = Worst(worst, run);
        }

        Assert.InRange(worst.PositionRmseM, 0, positionBoundM);
        Assert.InRange(worst.VelocityRmseMps, 0, velocityBoundMps);
        Assert.InRange(worst.AttitudeRmseDeg, 0, attitudeBoundDeg);
    }

    [Fact]
    public void An_imu_faster_than_declared_loses_no_sample_raises_the_overrun_fault_and_keeps_the_rmse_within_1_5x_the_worst_of_three_seeds()
    {
        Run worst = default;
        foreach (int seed in Seeds)
        {
            // Declared 1 kHz (the default), fed at 4 kHz: the horizon needs 4x the buffer it has.
            var filter = new UavEkf(new UavEkfParameters { MagFusion = MagFusionMode.ThreeAxis });
            Run run = Fly(filter, 250, seed);
            Assert.True(filter.ImuOverrunCount > 0);
            Assert.Equal(UavEkfFlags.ImuBufferOverrun, filter.Flags & UavEkfFlags.ImuBufferOverrun);
            Assert.Equal(run.AlignedImuSamples, filter.PredictedImuCount + filter.BufferedImuCount);
            Assert.Equal(filter.ImuBufferCapacity, filter.BufferedImuCount);
            worst = Worst(worst, run);
        }

        Assert.InRange(worst.PositionRmseM, 0, 0.72); // measured 0.429 / 0.483 / 0.389 m (seeds 30 / 31 / 32); bound 0.72 m
        Assert.InRange(worst.VelocityRmseMps, 0, 0.16); // measured 0.086 / 0.107 / 0.075 m/s; bound 0.16 m/s
        Assert.InRange(worst.AttitudeRmseDeg, 0, 1.96); // measured 1.19 / 1.13 / 1.31 deg; bound 1.96 deg
    }

    private static Run Worst(Run a, Run b) => new(0, Math.Max(a.PositionRmseM, b.PositionRmseM),
        Math.Max(a.VelocityRmseMps, b.VelocityRmseMps), Math.Max(a.AttitudeRmseDeg, b.AttitudeRmseDeg));

    [Fact]
    public void The_imu_step_at_8_khz_allocates_nothing()
    {
        var sim = new SyntheticFlight(seed: 31, new SyntheticSensorModel { ImuIntervalUs = 125 });
        var filter = new UavEkf(new UavEkfParameters { MaxImuRateHz = 8000 });
        while (sim.TimeUs < 12_000_000)
        {
            sim.Step();
            sim.Feed(filter);
        }

        const int iterations = 3000;
        int steps = Allocations.MaxCalls(iterations); // every call the helper may make: warm-up rounds and both measured runs
        var imu = new ImuSample[steps];
        for (int i = 0; i < steps; i++)
        {
            sim.Step();
            imu[i] = sim.Imu;
        }

        int k = 0;
        Allocations.AssertZero(() => filter.PushImu(imu[k++]), iterations);
        Assert.Equal(0, filter.ImuOverrunCount);
    }

    private Run Fly(UavEkf filter, long intervalUs, int seed)
    {
        var sim = new SyntheticFlight(seed: seed, new SyntheticSensorModel { ImuIntervalUs = intervalUs });
        long aligned = 0;
        double posSq = 0, velSq = 0, attSq = 0;
        int scored = 0;
        while (sim.TimeUs < EndUs)
        {
            sim.Step();
            sim.Feed(filter);
            if (filter.IsAligned)
            {
                aligned++;
            }

            if (sim.TimeUs >= ScoreFromUs && filter.Gnss.HasOrigin && sim.TimeUs % 10_000 == 0)
            {
                UavState state = filter.State;
                posSq += (state.PositionNedM - sim.TruthInFilterFrame(filter)).LengthSquared;
                velSq += (state.VelocityNedMps - sim.TrueVelocityNedMps).LengthSquared;
                double att = Quaternion.AngleBetween(state.Attitude, sim.TrueAttitude) * 180 / Math.PI;
                attSq += att * att;
                scored++;
            }
        }

        // The sample that completed alignment is consumed by it, not buffered.
        var run = new Run(aligned - 1, Math.Sqrt(posSq / scored), Math.Sqrt(velSq / scored), Math.Sqrt(attSq / scored));
        output.WriteLine($"seed {seed}, IMU every {intervalUs} us: {run}, overruns {filter.ImuOverrunCount}, predicted {filter.PredictedImuCount}, buffered {filter.BufferedImuCount}/{filter.ImuBufferCapacity}, scored {scored}");
        return run;
    }

    private readonly record struct Run(long AlignedImuSamples, double PositionRmseM, double VelocityRmseMps, double AttitudeRmseDeg);
}
