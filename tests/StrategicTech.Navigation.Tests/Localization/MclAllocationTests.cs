using StrategicTech.Navigation.Localization;
using StrategicTech.Navigation.Planning.Costmaps;
using StrategicTech.TestSupport;

namespace StrategicTech.Navigation.Tests.Localization;

public sealed class MclAllocationTests
{
    [SharedDataFact]
    public void UpdateAllocatesNothingWithResamplingKldAndInjection()
    {
        OccupancyGridMap map = MapServerLoader.Load(SharedData.PathOf("maps", "ros", "nav2_depot", "depot.yaml"));
        var parameters = MclWarehouseTrackingTests.Tracking with { MaxParticles = 2000, AlphaSlow = 0.001, AlphaFast = 0.1 };
        var mcl = new MonteCarloLocalizer(map, parameters, new Random(1));
        var random = new Random(2);
        Pose2D start = LocalizationRun.FindStart(map, random);
        var lidar = new ScanSimulator(map);
        float[] near = new float[ScanSimulator.Beams], far = new float[ScanSimulator.Beams];
        lidar.Scan(start.XM, start.YM, start.YawRad, random, near);
        lidar.Scan(start.XM + 3, start.YM, start.YawRad, random, far); // a scan from elsewhere: injection
        mcl.SetInitialPose(start, default, 0.2, 0.1);
        int k = 0;
        long resamplingsBefore = mcl.Resamplings;

        Allocations.AssertZero(() =>
        {
            // Alternate 0.3 m back and forth so every call passes update_min_d.
            var odom = new Pose2D((k & 1) * 0.3, 0, 0);
            mcl.Update(odom, (k % 7) == 6 ? far : near, ScanSimulator.AngleMinRad, ScanSimulator.AngleIncrementRad,
                ScanSimulator.RangeMinM, ScanSimulator.RangeMaxM, LocalizationRun.LaserInBase, k * 100_000L);
            k++;
        }, iterations: 200);

        Assert.True(mcl.Resamplings > resamplingsBefore);
        Assert.True(mcl.InjectedParticles > 0);
    }
}
