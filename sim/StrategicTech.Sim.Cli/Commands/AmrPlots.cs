using ScottPlot;
using StrategicTech.Navigation.Planning.Costmaps;
using StrategicTech.Sim.Amr;

namespace StrategicTech.Sim.Cli.Commands;

/// <summary>
/// PNG plots of an AMR demo run: the map with planned path, truth and estimated tracks and goals; localization error
/// and clearance over time; one particle-cloud plot per snapshot of the run (start, converged, kidnapped, relocalized).
/// </summary>
public static class AmrPlots
{
    public static IReadOnlyList<string> Write(AmrDemoResult result, OccupancyGridMap map, string directory)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(map);
        var written = new List<string> { MapPlot(result, map, Path.Combine(directory, "amr_map.png")), ErrorPlot(result, Path.Combine(directory, "amr_error.png")) };
        foreach (AmrParticleSnapshot snapshot in result.Particles)
        {
            written.Add(ParticlePlot(snapshot, map, Path.Combine(directory, "amr_particles_" + snapshot.Label + ".png")));
        }

        return written;
    }

    private static string MapPlot(AmrDemoResult result, OccupancyGridMap map, string path)
    {
        var plot = new Plot();
        AddWalls(plot, map);
        if (result.PlannedPath.Count > 0)
        {
            var planned = plot.Add.ScatterLine(result.PlannedPath.Select(p => p.XM).ToArray(), result.PlannedPath.Select(p => p.YM).ToArray());
            planned.LegendText = "first plan per goal";
            planned.LinePattern = LinePattern.Dotted;
        }

        var truth = plot.Add.ScatterLine(result.Trace.Select(r => r.TruthXM).ToArray(), result.Trace.Select(r => r.TruthYM).ToArray());
        truth.LegendText = "truth";
        truth.LineWidth = 2;
        var estimate = plot.Add.ScatterLine(result.Trace.Select(r => r.EstimateXM).ToArray(), result.Trace.Select(r => r.EstimateYM).ToArray());
        estimate.LegendText = "estimate (" + result.Localizer + ")";
        estimate.LinePattern = LinePattern.Dashed;
        foreach (AmrGoalResult g in result.Goals)
        {
            var mark = plot.Add.Marker(g.Goal.XM, g.Goal.YM, MarkerShape.OpenCircle, 14);
            mark.Color = g.Reached ? Colors.Green : Colors.Red;
            plot.Add.Text((g.Index + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), g.Goal.XM, g.Goal.YM);
        }

        plot.Axes.SquareUnits();
        plot.Title("AMR demo: map, plan and driven track (map frame)");
        plot.XLabel("x (m)");
        plot.YLabel("y (m)");
        plot.ShowLegend(Edge.Right);
        plot.SavePng(path, 1200, 900);
        return path;
    }

    private static string ParticlePlot(AmrParticleSnapshot snapshot, OccupancyGridMap map, string path)
    {
        var plot = new Plot();
        AddWalls(plot, map);
        var cloud = plot.Add.Markers(snapshot.XM, snapshot.YM, MarkerShape.FilledCircle, 3, Colors.Blue.WithAlpha(0.35));
        cloud.LegendText = string.Create(System.Globalization.CultureInfo.InvariantCulture, $"particles ({snapshot.XM.Length})");
        var truth = plot.Add.Marker(snapshot.TruthXM, snapshot.TruthYM, MarkerShape.OpenCircle, 16);
        truth.Color = Colors.Red;
        truth.LineWidth = 2;
        truth.LegendText = "true pose";
        var heading = plot.Add.Line(snapshot.TruthXM, snapshot.TruthYM,
            snapshot.TruthXM + (0.6 * Math.Cos(snapshot.TruthYawRad)), snapshot.TruthYM + (0.6 * Math.Sin(snapshot.TruthYawRad)));
        heading.Color = Colors.Red;
        heading.LineWidth = 2;
        plot.Axes.SquareUnits();
        plot.Title(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"AMR particle cloud: {snapshot.Label} at t = {snapshot.TimeS:F1} s"));
        plot.XLabel("x (m)");
        plot.YLabel("y (m)");
        plot.ShowLegend(Edge.Right);
        plot.SavePng(path, 1200, 900);
        return path;
    }

    /// <summary>Occupied cells as small markers, thinned on big maps so the PNG stays quick to draw.</summary>
    private static void AddWalls(Plot plot, OccupancyGridMap map)
    {
        MapYaml m = map.Metadata;

        int stride = Math.Max(1, (int)Math.Ceiling(Math.Sqrt((double)map.Width * map.Height / 250_000)));
        var ox = new List<double>();
        var oy = new List<double>();
        for (int y = 0; y < map.Height; y += stride)
        {
            for (int x = 0; x < map.Width; x += stride)
            {
                if (map[x, y] >= 65)
                {
                    ox.Add(m.OriginXM + ((x + 0.5) * m.ResolutionM));
                    oy.Add(m.OriginYM + ((y + 0.5) * m.ResolutionM));
                }
            }
        }

        var walls = plot.Add.Markers(ox.ToArray(), oy.ToArray(), MarkerShape.FilledSquare, 2, Colors.Gray);
        walls.LegendText = "occupied";
    }

    private static string ErrorPlot(AmrDemoResult result, string path)
    {
        var plot = new Plot();
        double[] t = [.. result.Trace.Select(r => r.TimeS)];
        var loc = plot.Add.ScatterLine(t, result.Trace.Select(r => r.LocalizationErrorM).ToArray());
        loc.LegendText = "localization error (m)";
        var yaw = plot.Add.ScatterLine(t, result.Trace.Select(r => Math.Abs(r.YawErrorRad)).ToArray());
        yaw.LegendText = "|yaw error| (rad)";
        var clearance = plot.Add.ScatterLine(t, result.Trace.Select(r => r.ClearanceM).ToArray());
        clearance.LegendText = "clearance to walls/people (m, capped 1 m)";
        plot.Title("AMR demo: localization error (position, yaw) and clearance over time");
        plot.XLabel("time (s)");
        plot.YLabel("m / rad");
        plot.ShowLegend(Edge.Right);
        plot.SavePng(path, 1150, 450);
        return path;
    }
}
