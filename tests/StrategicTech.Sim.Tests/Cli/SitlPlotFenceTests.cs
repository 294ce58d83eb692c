using ScottPlot;
using StrategicTech.Navigation.Geodesy;
using StrategicTech.Navigation.Missions;
using StrategicTech.Sim.Cli;
using StrategicTech.Sim.Cli.Commands;
using StrategicTech.Sim.Scenarios;
using static StrategicTech.Sim.Tests.Cli.CliRunner;

namespace StrategicTech.Sim.Tests.Cli;

/// <summary>The track plot draws the scenario's fence (inclusion green, exclusion red) in the home frame.</summary>
public sealed class SitlPlotFenceTests : IDisposable
{
    private const double EarthRadiusM = 6_378_137;
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "sitl-fence-plot-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_dir))
        {
            Directory.Delete(_dir, true);
        }
    }

    [Fact]
    public void Fence_polygons_become_closed_outlines_at_their_vertices_in_metres_east_and_north_of_home()
    {
        Scenario scenario = ScenarioLoader.LoadBuiltIn("fence-rtl-exclusion");
        Geofence fence = scenario.Mission.Fence!;
        GeodeticPosition home = scenario.Mission.PlannedHome;
        IReadOnlyList<FenceOutline> outlines = FenceOutline.Of(fence, home);

        Assert.Equal(2, outlines.Count);
        Assert.True(outlines[0].IsInclusion);
        Assert.False(outlines[1].IsInclusion);
        for (int k = 0; k < 2; k++)
        {
            GeofencePolygon polygon = fence.Polygons[k];
            FenceOutline outline = outlines[k];
            Assert.Equal(polygon.Vertices.Count + 1, outline.EastM.Length);
            Assert.Equal(outline.EastM[0], outline.EastM[^1]); // closed
            Assert.Equal(outline.NorthM[0], outline.NorthM[^1]);
            for (int i = 0; i < polygon.Vertices.Count; i++)
            {
                // Flat-earth check on a sphere: a few hundred metres from home it agrees with the ellipsoid to ~0.5 %.
                double northM = (polygon.Vertices[i].LatitudeDeg - home.LatitudeDeg) * Math.PI / 180 * EarthRadiusM;
                double eastM = (polygon.Vertices[i].LongitudeDeg - home.LongitudeDeg) * Math.PI / 180 * EarthRadiusM * Math.Cos(home.LatitudeRad);
                Assert.InRange(outline.NorthM[i] - northM, -0.01 * Math.Abs(northM) - 0.05, 0.01 * Math.Abs(northM) + 0.05);
                Assert.InRange(outline.EastM[i] - eastM, -0.01 * Math.Abs(eastM) - 0.05, 0.01 * Math.Abs(eastM) + 0.05);
            }
        }
    }

    [Fact]
    public void A_fence_circle_becomes_an_outline_at_its_radius_and_the_plot_gets_one_red_exclusion_series_per_shape()
    {
        Scenario scenario = ScenarioLoader.LoadBuiltIn("fence-through-exclusion");
        GeofenceCircle circle = Assert.Single(scenario.Mission.Fence!.Circles);
        IReadOnlyList<FenceOutline> outlines = FenceOutline.Of(scenario.Mission.Fence, scenario.Mission.PlannedHome);
        FenceOutline outline = Assert.Single(outlines);
        Assert.True(outline.IsCircle);
        Assert.False(outline.IsInclusion);
        Assert.Equal(FenceOutline.CircleSegments + 1, outline.EastM.Length);
        double centreEast = outline.EastM.Take(FenceOutline.CircleSegments).Average();
        double centreNorth = outline.NorthM.Take(FenceOutline.CircleSegments).Average();
        for (int i = 0; i < outline.EastM.Length; i++)
        {
            Assert.Equal(circle.RadiusM, Math.Sqrt(Math.Pow(outline.EastM[i] - centreEast, 2) + Math.Pow(outline.NorthM[i] - centreNorth, 2)), 1e-6);
        }

        var plot = new Plot();
        IReadOnlyList<ScottPlot.Plottables.Scatter> series = SitlPlots.AddFence(plot, [.. outlines, .. FenceOutline.Of(ScenarioLoader.LoadBuiltIn("fence-rtl-exclusion").Mission.Fence, scenario.Mission.PlannedHome)]);
        Assert.Equal(3, series.Count);
        Assert.Equal(Colors.Red, series[0].Color);
        Assert.Equal(Colors.Green, series[1].Color);
        Assert.Equal(Colors.Red, series[2].Color);
        Assert.Equal("fence: exclusion circle", series[0].LegendText);
        Assert.Equal("fence: inclusion polygon", series[1].LegendText);
        Assert.Equal("fence: exclusion polygon", series[2].LegendText);
        Assert.Equal(3, plot.GetPlottables().Count());
    }

    [Fact]
    public void A_fence_scenario_run_writes_the_track_plot()
    {
        string outDir = Path.Combine(_dir, "fence");
        (int code, string output, string error) = Run("sitl", "run", "fence-outside-inclusion", "--out", outDir);
        Assert.True(code == ExitCodes.Success, output + error);
        byte[] png = File.ReadAllBytes(Path.Combine(outDir, "track.png"));
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], png[..4]);
    }
}
