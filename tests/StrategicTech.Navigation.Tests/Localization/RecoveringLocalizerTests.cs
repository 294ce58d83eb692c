using StrategicTech.Navigation.Localization;
using StrategicTech.Navigation.Planning.Costmaps;
using StrategicTech.TestSupport;
using Xunit.Abstractions;

namespace StrategicTech.Navigation.Tests.Localization;

/// <summary>
/// Kidnap detection and branch-and-bound relocalization around the particle filter on the Nav2 warehouse map (30 ×
/// 50 m): the robot of <see cref="LocalizationRun"/> (scans at 5 Hz, keeps wandering throughout) tracks for 10 s, is
/// carried to a random pose, and the times to detection and to an estimate within 0.1 m / 5° of truth are measured.
/// </summary>
public sealed class RecoveringLocalizerTests(ITestOutputHelper output)
{
    private const double ChunkS = LocalizationRun.StepS * LocalizationRun.StepsPerScan; // one scan per chunk

    // Measured over seeds 1..5: detected 0.60 s after the kidnap on every seed (the third bad scan at 5 Hz; bound
    // 0.9 s); within 0.1 m / 5° and tracking after 8.4, 7.4, 5.0, 7.0, 6.0 s (bound 12.6 s: 1.5 × 8.4 s), one search
    // each; no detection in the 10 s of tracking before. With the endpoint-only evidence (before the range check of
    // held places) the times were 8.4, 8.2, 28.8, 7.0, 6.0 s: off-map returns scored 0.8 lifted look-alike poses near an
    // edge, and only the beams' ranges checked along the beam drop them quickly (seed 3 most of all).
    [SharedDataFact]
    public void Kidnap_is_detected_within_0_9_s_and_recovered_below_10_cm_and_5_degrees_within_12_6_s_on_every_seed()
    {
        OccupancyGridMap map = MapServerLoader.Load(SharedData.PathOf("maps", "ros", "nav2_warehouse", "warehouse.yaml"));
        MclParameters mclParameters = MclWarehouseTrackingTests.Tracking;
        var field = new LikelihoodField(map, mclParameters);
        var recovery = new KidnapRecoveryParameters();
        double worstDetectS = 0, worstRecoverS = 0;
        for (int seed = 1; seed <= 5; seed++)
        {
            var run = new LocalizationRun(map, seed);
            var localizer = new RecoveringLocalizer(new MonteCarloLocalizer(field, mclParameters, new Random(seed)), field, recovery);
            localizer.SetInitialPose(run.Truth, run.Odom, 0.1, 0.05);
            run.Drive(localizer, 10);
            Assert.Equal(0, localizer.Detections);
            Assert.True(Error(run, localizer).M < 0.1, $"seed {seed}: not tracking before the kidnap");

            double kidnapS = run.TimeS;
            run.Teleport(LocalizationRun.FindStart(map, new Random(seed + 100)));
            double detectS = double.NaN, recoverS = double.NaN;
            while (run.TimeS - kidnapS < 45 && double.IsNaN(recoverS))
            {
                run.Drive(localizer, ChunkS);
                if (double.IsNaN(detectS) && localizer.IsLost)
                {
                    detectS = run.TimeS - kidnapS;
                }

                (double m, double deg) = Error(run, localizer);
                if (!double.IsNaN(detectS) && !localizer.IsLost && m < 0.1 && deg < 5)
                {
                    recoverS = run.TimeS - kidnapS;
                }
            }

            run.Drive(localizer, 5);
            (double endM, double endDeg) = Error(run, localizer);
            output.WriteLine($"seed {seed}: detected after {detectS:F2} s, recovered after {recoverS:F2} s, {localizer.Searches} searches, " +
                $"{localizer.TotalMatcherLookups / 1e6:F1} M look-ups, match score {localizer.LastMatch.Score:F3}; 5 s later {endM:F3} m {endDeg:F2}°");
            Assert.False(double.IsNaN(detectS), $"seed {seed}: kidnap not detected");
            Assert.False(double.IsNaN(recoverS), $"seed {seed}: not recovered within 45 s");
            Assert.True(endM < 0.1 && endDeg < 5, $"seed {seed}: lost again ({endM:F3} m, {endDeg:F2}°)");
            worstDetectS = Math.Max(worstDetectS, detectS);
            worstRecoverS = Math.Max(worstRecoverS, recoverS);
        }

        output.WriteLine($"worst: detected {worstDetectS:F2} s, recovered {worstRecoverS:F2} s");
        Assert.True(worstDetectS <= 0.9, $"detection took {worstDetectS:F2} s");
        Assert.True(worstRecoverS <= 12.6, $"recovery took {worstRecoverS:F2} s");
    }

    [SharedDataFact]
    public void Update_allocates_nothing_while_tracking_detecting_and_searching()
    {
        OccupancyGridMap map = MapServerLoader.Load(SharedData.PathOf("maps", "ros", "nav2_warehouse", "warehouse.yaml"));
        var field = new LikelihoodField(map, MclWarehouseTrackingTests.Tracking);
        var localizer = new RecoveringLocalizer(new MonteCarloLocalizer(field, MclWarehouseTrackingTests.Tracking, new Random(1)), field,
            new KidnapRecoveryParameters());
        var random = new Random(2);
        Pose2D start = LocalizationRun.FindStart(map, random);
        var lidar = new ScanSimulator(map);
        float[] here = new float[ScanSimulator.Beams], elsewhere = new float[ScanSimulator.Beams];
        Pose2D laser = start.Compose(LocalizationRun.LaserInBase);
        lidar.Scan(laser.XM, laser.YM, laser.YawRad, random, here);
        Pose2D other = LocalizationRun.FindStart(map, random).Compose(LocalizationRun.LaserInBase);
        lidar.Scan(other.XM, other.YM, other.YawRad, random, elsewhere);
        localizer.SetInitialPose(start, default, 0.05, 0.03);
        int k = 0;
        Allocations.AssertZero(() =>
        {
            var odom = new Pose2D((k & 1) * 0.3, 0, 0);
            localizer.Update(odom, k < 10 ? here : elsewhere, ScanSimulator.AngleMinRad, ScanSimulator.AngleIncrementRad,
                ScanSimulator.RangeMinM, ScanSimulator.RangeMaxM, LocalizationRun.LaserInBase, k * 100_000L);
            k++;
        }, iterations: 200);

        Assert.True(localizer.Detections >= 1);
        Assert.True(localizer.Reseeds >= 1);
    }

    private static (double M, double Deg) Error(LocalizationRun run, RecoveringLocalizer localizer)
    {
        Pose2D estimate = localizer.Estimate.Propagate(run.Odom);
        double ex = estimate.XM - run.Truth.XM, ey = estimate.YM - run.Truth.YM;
        return (Math.Sqrt((ex * ex) + (ey * ey)), Math.Abs(Pose2D.WrapPi(estimate.YawRad - run.Truth.YawRad)) * 180 / Math.PI);
    }
}
