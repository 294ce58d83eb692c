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

    // Bounds: 1.5x the worst RMSE of seeds 30, 31, 32 (12..30 s), with the EKF taking the WMM declination at its origin
    // (the synthetic world's field is the WMM's there). Measured (seed 30 / 31 / 32):
    // 1 kHz: 0.291 / 0.220 / 0.312 m, 0.071 / 0.103 / 0.099 m/s, 1.19 / 1.37 / 2.71 deg;
    // 4 kHz: 0.372 / 0.385 / 0.342 m, 0.056 / 0.070 / 0.079 m/s, 1.05 / 1.15 / 2.04 deg;
    // 8 kHz: 0.444 / 0.249 / 0.126 m, 0.076 / 0.099 / 0.082 m/s, 1.39 / 1.94 / 1.47 deg (the 1 kHz row is the reference).
    [Theory]
    [InlineData(1000, 1000, 0.47, 0.154, 4.1)] // worst 0.312 m, 0.103 m/s, 2.71 deg
    [InlineData(4000, 250, 0.58, 0.119, 3.1)] // worst 0.385 m, 0.0792 m/s, 2.04 deg
    [InlineData(8000, 125, 0.67, 0.149, 2.9)] // worst 0.444 m, 0.0995 m/s, 1.94 deg
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

        Assert.InRange(worst.PositionRmseM, 0, 0.71); // measured 0.430 / 0.472 / 0.402 m (seeds 30 / 31 / 32); bound 0.71 m
        Assert.InRange(worst.VelocityRmseMps, 0, 0.162); // measured 0.085 / 0.108 / 0.080 m/s; bound 0.162 m/s
        Assert.InRange(worst.AttitudeRmseDeg, 0, 3.0); // measured 1.19 / 1.28 / 1.99 deg; bound 3.0 deg
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
