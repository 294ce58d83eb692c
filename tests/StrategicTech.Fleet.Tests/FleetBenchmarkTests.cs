using StrategicTech.Fleet.Site;
using StrategicTech.Sim.Fleet;

namespace StrategicTech.Fleet.Tests;

public class FleetBenchmarkTests
{
    [Fact]
    public async Task Bench_stores_every_order_it_posts_and_ramps_robot_counts_in_order_stopping_after_the_first_that_lags()
    {
        string dir = Path.Combine(Path.GetTempPath(), "fleet-bench-test-" + Guid.NewGuid().ToString("N"));
        try
        {
            FleetSite site = FleetSite.Bundled();
            // Throws when any POST is not answered 201 or the manager holds another number of orders than posted.
            double ordersPerS = await FleetBenchmark.OrdersAcceptedPerSecondAsync(site, dir, 60, 4, CancellationToken.None);
            Assert.True(ordersPerS > 0);

            using var progress = new StringWriter();
            IReadOnlyList<FleetRampStep> steps = await FleetBenchmark.RampRobotsAsync(site, dir, [3, 6], 1.0, progress, CancellationToken.None);
            Assert.InRange(steps.Count, 1, 2);
            Assert.Equal(3, steps[0].Robots);
            Assert.Equal(30, steps[0].NominalPerS);
            Assert.True(steps[0].ProcessedPerS > 0, "no state reached the manager");
            Assert.True(steps.Count == 2 || !steps[0].Keeps, "the ramp stopped although the first step kept up");
            Assert.Equal(steps.Count, progress.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
            Assert.Equal(steps.Where(s => s.Keeps).Select(s => s.Robots).DefaultIfEmpty(0).Max(), FleetBenchmark.Ceiling(steps));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
