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

    // Bounds: measured RMSE (seed 30, 12..30 s) x 1.5. Measured at 1 kHz: 0.293 m, 0.065 m/s, 1.69 deg;
    // 4 kHz: 0.371 m, 0.056 m/s, 1.13 deg; 8 kHz: 0.442 m, 0.076 m/s, 1.94 deg (the 1 kHz row is the reference).
    [Theory]
    [InlineData(1000, 1000, 0.44, 0.098, 2.5)]
    [InlineData(4000, 250, 0.56, 0.084, 1.7)]
    [InlineData(8000, 125, 0.66, 0.114, 2.9)]
    public void A_fast_imu_declared_as_such_has_every_sample_predicted_once_no_overrun_and_a_right_estimate(
        double rateHz, long intervalUs, double positionBoundM, double velocityBoundMps, double attitudeBoundDeg)
    {
        var filter = new UavEkf(new UavEkfParameters { MaxImuRateHz = rateHz, MagFusion = MagFusionMode.ThreeAxis });
        Run run = Fly(filter, intervalUs);

        Assert.Equal(0, filter.ImuOverrunCount);
        Assert.Equal(UavEkfFlags.None, filter.Flags & UavEkfFlags.ImuBufferOverrun);
        Assert.Equal(run.AlignedImuSamples, filter.PredictedImuCount + filter.BufferedImuCount);
        Assert.True(filter.BufferedImuCount >= filter.Parameters.HorizonUs / intervalUs, $"horizon holds {filter.BufferedImuCount} samples");
        Assert.InRange(run.PositionRmseM, 0, positionBoundM);
        Assert.InRange(run.VelocityRmseMps, 0, velocityBoundMps);
        Assert.InRange(run.AttitudeRmseDeg, 0, attitudeBoundDeg);
    }

    [Fact]
    public void An_imu_faster_than_declared_loses_no_sample_and_raises_the_overrun_fault()
    {
        // Declared 1 kHz (the default), fed at 4 kHz: the horizon needs 4x the buffer it has.
        var filter = new UavEkf(new UavEkfParameters { MagFusion = MagFusionMode.ThreeAxis });
        Run run = Fly(filter, 250);

        Assert.True(filter.ImuOverrunCount > 0);
        Assert.Equal(UavEkfFlags.ImuBufferOverrun, filter.Flags & UavEkfFlags.ImuBufferOverrun);
        Assert.Equal(run.AlignedImuSamples, filter.PredictedImuCount + filter.BufferedImuCount);
        Assert.Equal(filter.ImuBufferCapacity, filter.BufferedImuCount);
        Assert.InRange(run.PositionRmseM, 0, 0.64); // measured 0.429 m; bound 0.64 m
        Assert.InRange(run.VelocityRmseMps, 0, 0.13); // measured 0.086 m/s; bound 0.13 m/s
        Assert.InRange(run.AttitudeRmseDeg, 0, 1.8); // measured 1.19 deg; bound 1.8 deg
    }

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

    private Run Fly(UavEkf filter, long intervalUs)
    {
        var sim = new SyntheticFlight(seed: 30, new SyntheticSensorModel { ImuIntervalUs = intervalUs });
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
        output.WriteLine($"IMU every {intervalUs} us: {run}, overruns {filter.ImuOverrunCount}, predicted {filter.PredictedImuCount}, buffered {filter.BufferedImuCount}/{filter.ImuBufferCapacity}, scored {scored}");
        return run;
    }

    private readonly record struct Run(long AlignedImuSamples, double PositionRmseM, double VelocityRmseMps, double AttitudeRmseDeg);
}
