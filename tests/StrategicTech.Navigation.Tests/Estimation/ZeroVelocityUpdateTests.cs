using System.Globalization;
using StrategicTech.Navigation.Estimation.Uav;
using StrategicTech.Navigation.Numerics;
using Xunit.Abstractions;

namespace StrategicTech.Navigation.Tests.Estimation;

/// <summary>
/// The on-ground constraint of issue #11 item 4: IMU stillness (<see cref="AtRestDetector"/>) and, while the caller
/// reports the vehicle landed and the IMU is still, the opt-in zero-velocity update every 200 ms (<see cref="Navigation.Estimation.Uav.Fusion.ZeroVelocityFusion"/>).
/// </summary>
public sealed class ZeroVelocityUpdateTests(ITestOutputHelper output)
{
    private const long ImuIntervalUs = 4000;
    private static readonly Vector3 LevelSpecificForceMps2 = new(0, 0, -9.80665);

    private static ImuSample Sample(long timeUs, Vector3 rateRadps, Vector3 specificForceMps2) =>
        new(timeUs, rateRadps * (ImuIntervalUs * 1e-6), specificForceMps2 * (ImuIntervalUs * 1e-6), ImuIntervalUs * 1e-6);

    [Fact]
    public void Imu_is_still_after_1_s_without_motion_and_an_impact_or_a_rotation_restarts_the_time()
    {
        var detector = new AtRestDetector(new UavEkfParameters());
        long t = 0;
        void Run(double seconds, Vector3 rate, Vector3 force)
        {
            long end = t + (long)(seconds * 1e6);
            while (t < end)
            {
                t += ImuIntervalUs;
                detector.Push(Sample(t, rate, force));
            }
        }

        Run(0.996, Vector3.Zero, LevelSpecificForceMps2);
        Assert.False(detector.IsStill); // 0.996 s since the first sample
        Run(0.008, Vector3.Zero, LevelSpecificForceMps2);
        Assert.True(detector.IsStill);

        // A touchdown-like impact (PX4-ECL's iris_gps log: 97.6 m/s² against ~9.9 at rest) restarts the time.
        Run(0.004, Vector3.Zero, new Vector3(0, 0, -97.6));
        Assert.False(detector.IsStill);
        // The impact also pulls the 0.2 s mean, so motion is seen until it settles (~0.11 s): still 1.11 s after it.
        Run(1.1, Vector3.Zero, LevelSpecificForceMps2);
        Assert.False(detector.IsStill);
        Run(0.02, Vector3.Zero, LevelSpecificForceMps2);
        Assert.True(detector.IsStill);

        // A slow turn on the ground (0.1 rad/s, above the 0.05 rad/s threshold) is motion.
        Run(0.5, new Vector3(0, 0, 0.1), LevelSpecificForceMps2);
        Assert.False(detector.IsStill);

        // Sensor noise on a vehicle at rest is not: ±0.3 m/s² (the log's spread at rest) and 0.02 rad/s.
        var random = new Random(3);
        for (int i = 0; i < 500; i++)
        {
            t += ImuIntervalUs;
            Vector3 noise = new((random.NextDouble() - 0.5) * 0.6, (random.NextDouble() - 0.5) * 0.6, (random.NextDouble() - 0.5) * 0.6);
            detector.Push(Sample(t, new Vector3(0.02, -0.01, 0.01), LevelSpecificForceMps2 + noise));
        }

        Assert.True(detector.IsStill);
    }

    [Fact]
    public void Zero_velocity_is_fused_every_200_ms_while_landed_and_still_and_never_in_the_air()
    {
        var sim = new SyntheticFlight(seed: 5);
        var filter = new UavEkf(new UavEkfParameters { GnssDelayMs = 100, MagDeclinationRad = SyntheticFlight.DeclinationRad, UseZeroVelocityUpdateBeforeTakeOff = true });
        var byDefault = new UavEkf(new UavEkfParameters { GnssDelayMs = 100, MagDeclinationRad = SyntheticFlight.DeclinationRad });
        while (sim.TimeUs < 8_000_000)
        {
            sim.Step();
            sim.Feed(filter);
            sim.Feed(byDefault);
        }

        // By default only after a flight: on the ground before the first take-off nothing is fused.
        Assert.True(byDefault.IsAtRest);
        Assert.Equal(0, byDefault.ZeroVelocity.FusedCount);

        int onGround = filter.ZeroVelocity.FusedCount;
        output.WriteLine($"zero-velocity fusions on the ground: {onGround}, at rest now {filter.IsAtRest}");
        // 8 s on the ground: alignment 0.1 s, stillness 1 s, horizon 0.1 s → ~34 fusions at 5 Hz.
        Assert.InRange(onGround, 30, 35);
        while (sim.TimeUs < 20_000_000)
        {
            sim.Step();
            sim.Feed(filter);
        }

        Assert.False(filter.IsAtRest);
        Assert.Equal(onGround, filter.ZeroVelocity.FusedCount);
    }
}
