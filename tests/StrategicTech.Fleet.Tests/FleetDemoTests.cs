using StrategicTech.Fleet.Site;
using StrategicTech.Sim.Fleet;

namespace StrategicTech.Fleet.Tests;

public class FleetDemoTests
{
    [Fact]
    public async Task Short_demo_completes_every_order_without_contact_and_reports_its_figures()
    {
        string dir = Path.Combine(Path.GetTempPath(), "fleet-demo-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        try
        {
            FleetDemoResult r = await FleetDemoRunner.RunAsync(
                FleetSite.Bundled(),
                new FleetDemoOptions { Robots = 3, Orders = 6, OrderIntervalS = 2, Speed = 20, WorkDirectory = dir },
                TextWriter.Null,
                CancellationToken.None);
            Assert.True(r.Passed, $"{r.OrdersCompleted} of {r.OrdersPosted}, min distance {r.MinRobotDistanceM} m");
            Assert.Equal(6, r.OrdersCompleted);
            Assert.True(r.MinRobotDistanceM >= 1.0 - 1e-6, $"{r.MinRobotDistanceM} m"); // measured 1.0 m (one cell)
            Assert.InRange(r.UtilisationFraction, 0.01, 1.0);
            Assert.True(r.WorstOrderTimeS >= r.MeanOrderTimeS && r.MeanOrderTimeS > 0);
            Assert.Equal(3, r.Trails.Count);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public async Task Lifelong_demo_on_the_aws_small_warehouse_grid_completes_every_order_without_contact()
    {
        string dir = Path.Combine(Path.GetTempPath(), "fleet-demo-lifelong-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        try
        {
            FleetDemoResult r = await FleetDemoRunner.RunAsync(
                FleetSite.BundledAwsWarehouse(),
                new FleetDemoOptions { Robots = 4, Orders = 10, OrderIntervalS = 2, Speed = 20, WorkDirectory = dir, Planning = StrategicTech.Fleet.Core.PlanningMode.Lifelong },
                TextWriter.Null,
                CancellationToken.None);
            Assert.True(r.Passed, $"{r.OrdersCompleted} of {r.OrdersPosted}, min distance {r.MinRobotDistanceM} m");
            Assert.Equal(10, r.OrdersCompleted);
            Assert.True(r.MinRobotDistanceM >= FleetSite.AwsCellSizeM - 1e-6, $"{r.MinRobotDistanceM} m"); // one cell (0.8 m) by the dependency graph
            Assert.Equal("lifelong", r.Planning);
            Assert.Equal(0, r.Episodes);
            Assert.True(r.Windows > 0);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public async Task Episodes_demo_on_the_aws_small_warehouse_grid_completes_every_order_without_contact()
    {
        string dir = Path.Combine(Path.GetTempPath(), "fleet-demo-aws-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        try
        {
            FleetDemoResult r = await FleetDemoRunner.RunAsync(
                FleetSite.BundledAwsWarehouse(),
                new FleetDemoOptions { Robots = 4, Orders = 10, OrderIntervalS = 2, Speed = 20, WorkDirectory = dir, Planning = StrategicTech.Fleet.Core.PlanningMode.Episodes },
                TextWriter.Null,
                CancellationToken.None);
            Assert.True(r.Passed, $"{r.OrdersCompleted} of {r.OrdersPosted}, min distance {r.MinRobotDistanceM} m");
            Assert.Equal(10, r.OrdersCompleted);
            Assert.True(r.MinRobotDistanceM >= FleetSite.AwsCellSizeM - 1e-6, $"{r.MinRobotDistanceM} m"); // one cell (1.0 m) by the dependency graph
            Assert.Equal(0, r.PlanningFailures);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
