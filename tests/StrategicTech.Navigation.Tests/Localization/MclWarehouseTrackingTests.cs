using StrategicTech.Navigation.Localization;
using StrategicTech.Navigation.Planning.Costmaps;
using StrategicTech.TestSupport;
using Xunit.Abstractions;

namespace StrategicTech.Navigation.Tests.Localization;

/// <summary>
/// Pose tracking on the real warehouse maps from a 1 m / 30° wrong initial pose (σ 0.5 m, 0.35 rad around it), five
/// seeds per map, 60 s of driving (<see cref="LocalizationRun"/>): RMS error over the updates from 20 s on.
/// </summary>
public sealed class MclWarehouseTrackingTests(ITestOutputHelper output)
{
    /// <summary>Tuned to the simulated odometry (≈2% of translation plus slip); the rest are Nav2 defaults.</summary>
    internal static readonly MclParameters Tracking = new() { Alpha1 = 0.05, Alpha2 = 0.05, Alpha3 = 0.05, Alpha4 = 0.05 };

    // Measured worst seed (of 1..5), position RMS / yaw RMS (deterministic: the same on two runs): nav2_warehouse
    // 0.0439 m / 0.194°, aws_small_warehouse 0.0118 m / 0.155°, nav2_depot 0.0325 m / 0.198°. Bounds about 1.5x those,
    // and never above the 0.05 m / 2°: nav2_warehouse 0.05 m (the issue's; 1.14x) / 0.29°, aws_small_warehouse
    // 0.018 m / 0.23°, nav2_depot 0.048 m / 0.30°.
    [SharedDataTheory]
    [InlineData("nav2_warehouse", "warehouse.yaml", 0.05, 0.29)]
    [InlineData("aws_small_warehouse", "map.yaml", 0.018, 0.23)]
    [InlineData("nav2_depot", "depot.yaml", 0.048, 0.30)]
    public void ConvergesFromOneMetreThirtyDegreesOffBelowRmsBoundsOnEverySeed(string folder, string yaml, double positionBoundM, double yawBoundDeg)
    {
        OccupancyGridMap map = MapServerLoader.Load(SharedData.PathOf("maps", "ros", folder, yaml));
        var field = new LikelihoodField(map, Tracking);
        for (int seed = 1; seed <= 5; seed++)
        {
            var run = new LocalizationRun(map, seed);
            var mcl = new MonteCarloLocalizer(field, Tracking, new Random(seed));
            Pose2D truth = run.Truth;
            double direction = seed * 1.3;
            var wrong = new Pose2D(truth.XM + Math.Cos(direction), truth.YM + Math.Sin(direction),
                truth.YawRad + ((seed % 2 == 0 ? 1 : -1) * Math.PI / 6));
            mcl.SetInitialPose(wrong, run.Odom, 0.5, 0.35);
            run.Drive(mcl, 60);

            (double rmsM, double rmsYawRad, int count) = run.Rms(20);
            output.WriteLine($"{folder} seed {seed}: RMS {rmsM:F4} m, {rmsYawRad * 180 / Math.PI:F3}° over {count} updates");
            Assert.True(count >= 10, $"seed {seed}: only {count} filter updates after 20 s");
            Assert.True(rmsM < positionBoundM, $"seed {seed}: position RMS {rmsM:F4} m ≥ {positionBoundM} m");
            Assert.True(rmsYawRad * 180 / Math.PI < yawBoundDeg, $"seed {seed}: yaw RMS {rmsYawRad * 180 / Math.PI:F3}° ≥ {yawBoundDeg}°");
            Assert.True(run.Samples[^1].Estimate.Converged, $"seed {seed}: not converged at the end");
        }
    }

    [SharedDataFact]
    public void SameSeedGivesIdenticalEstimates()
    {
        OccupancyGridMap map = MapServerLoader.Load(SharedData.PathOf("maps", "ros", "nav2_depot", "depot.yaml"));
        var field = new LikelihoodField(map, Tracking);
        MapPoseEstimate[] Run()
        {
            var run = new LocalizationRun(map, 7);
            var mcl = new MonteCarloLocalizer(field, Tracking, new Random(7));
            mcl.SetInitialPose(run.Truth, run.Odom, 0.3, 0.2);
            run.Drive(mcl, 10);
            return [.. run.Samples.Select(s => s.Estimate)];
        }

        MapPoseEstimate[] first = Run(), second = Run();
        Assert.True(first.Length > 10);
        Assert.Equal(first, second);
    }
}
