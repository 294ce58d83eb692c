using ScottPlot;
using StrategicTech.Navigation.Geodesy;
using StrategicTech.Navigation.Missions;
using StrategicTech.Sim.Scenarios;

namespace StrategicTech.Sim.Cli.Commands;

/// <summary>
/// PNG plots of one vehicle's run (ScottPlot): track map (north over east, truth and estimate, waypoints with their
/// pass circles, home, the expected landing point, where it came to rest, and the scenario's fence: inclusion
/// shapes green, exclusion shapes red), altitude, attitude and estimator error against time (with the filter's ±σ band, EstimatorErrorPlot). Every title
/// names the vehicle; legends sit outside the data area (right edge), so they never hide a line.
/// </summary>
public static class SitlPlots
{
    private const double RadToDeg = 180 / Math.PI;

    public static IReadOnlyList<string> Write(VehicleResult vehicle, double waypointRadiusM, string directory, Geofence? fence = null, LatLonDeg? landingPoint = null)
    {
        ArgumentNullException.ThrowIfNull(vehicle);
        IReadOnlyList<TruthEstimateRow> rows = vehicle.Log;
        double[] t = [.. rows.Select(r => r.TimeUs / 1e6)];
        string who = Title(vehicle);
        var written = new List<string>
        {
            Track(vehicle, waypointRadiusM, Path.Combine(directory, "track.png"), fence, landingPoint),
            Series(Path.Combine(directory, "altitude.png"), who + "altitude above home", "m", t,
                ("truth", [.. rows.Select(r => -r.TruthPositionNedM.Z)]),
                ("estimate", [.. rows.Select(r => -r.EstimatePositionNedM.Z)])),
            Series(Path.Combine(directory, "attitude.png"), who + "attitude (truth solid, estimate dashed)", "deg", t,
                ("roll", [.. rows.Select(r => r.TruthEulerRad.X * RadToDeg)]),
                ("pitch", [.. rows.Select(r => r.TruthEulerRad.Y * RadToDeg)]),
                ("yaw", [.. rows.Select(r => r.TruthEulerRad.Z * RadToDeg)]),
                ("roll est.", [.. rows.Select(r => r.EstimateEulerRad.X * RadToDeg)]),
                ("pitch est.", [.. rows.Select(r => r.EstimateEulerRad.Y * RadToDeg)]),
                ("yaw est.", [.. rows.Select(r => r.EstimateEulerRad.Z * RadToDeg)])),
            EstimatorError(Path.Combine(directory, "estimator_error.png"), who + "EKF error against truth, with the filter's ±σ", rows),
        };
        return written;
    }

    /// <summary>The home the track plot's frame is centred on (truth positions are relative to it).</summary>
    public static GeodeticPosition Home(VehicleResult vehicle)
    {
        ArgumentNullException.ThrowIfNull(vehicle);
        return GeodeticPosition.FromDegrees(vehicle.HomeLatitudeDeg, vehicle.HomeLongitudeDeg, vehicle.HomeAltitudeAmslM);
    }

    /// <summary>Draws the fence outlines on <paramref name="plot"/> (one legend entry per kind) and returns the series added.</summary>
    public static IReadOnlyList<ScottPlot.Plottables.Scatter> AddFence(Plot plot, IReadOnlyList<FenceOutline> outlines)
    {
        ArgumentNullException.ThrowIfNull(plot);
        ArgumentNullException.ThrowIfNull(outlines);
        var added = new List<ScottPlot.Plottables.Scatter>();
        var labelled = new HashSet<string>();
        foreach (FenceOutline outline in outlines)
        {
            var line = plot.Add.ScatterLine(outline.EastM, outline.NorthM);
            line.Color = outline.IsInclusion ? Colors.Green : Colors.Red;
            line.LineWidth = 2;
            line.LinePattern = outline.IsInclusion ? LinePattern.Solid : LinePattern.DenselyDashed;
            line.LegendText = labelled.Add(outline.Label) ? "fence: " + outline.Label : string.Empty;
            added.Add(line);
        }

        return added;
    }

    private static string Track(VehicleResult vehicle, double radiusM, string path, Geofence? fence, LatLonDeg? landingPoint)
    {
        var plot = new Plot();
        IReadOnlyList<TruthEstimateRow> rows = vehicle.Log;
        GeodeticPosition homePosition = Home(vehicle);
        AddFence(plot, FenceOutline.Of(fence, homePosition));
        var truth = plot.Add.ScatterLine(rows.Select(r => r.TruthPositionNedM.Y).ToArray(), rows.Select(r => r.TruthPositionNedM.X).ToArray());
        truth.LegendText = "truth";
        truth.LineWidth = 2;
        TruthEstimateRow[] estimated = [.. rows.Where(r => double.IsFinite(r.EstimatePositionNedM.X))];
        var estimate = plot.Add.ScatterLine(estimated.Select(r => r.EstimatePositionNedM.Y).ToArray(), estimated.Select(r => r.EstimatePositionNedM.X).ToArray());
        estimate.LegendText = "EKF estimate";
        estimate.LinePattern = LinePattern.Dashed;
        foreach (WaypointResult w in vehicle.Waypoints)
        {
            // A failsafe scenario judges no waypoints (NaN radius): label only.
            if (double.IsFinite(radiusM))
            {
                var circle = plot.Add.Circle(w.EastM, w.NorthM, radiusM);
                circle.LineColor = w.Passed ? Colors.Green : Colors.Red;
                circle.FillColor = (w.Passed ? Colors.Green : Colors.Red).WithAlpha(0.15);
            }

            var label = plot.Add.Text(w.Seq.ToString(System.Globalization.CultureInfo.InvariantCulture), w.EastM, w.NorthM);
            label.LabelFontSize = 12;
        }

        if (vehicle.Waypoints.Count > 0)
        {
            var marks = plot.Add.Markers(vehicle.Waypoints.Select(w => w.EastM).ToArray(), vehicle.Waypoints.Select(w => w.NorthM).ToArray());
            marks.LegendText = "waypoints (pass circle)";
        }

        var home = plot.Add.Marker(0, 0, MarkerShape.OpenSquare, 14);
        home.Color = Colors.Black;
        home.LegendText = "home";
        if (landingPoint is { } expected)
        {
            var neM = new LocalNedFrame(homePosition).ToNed(GeodeticPosition.FromDegrees(expected.LatitudeDeg, expected.LongitudeDeg, homePosition.HeightM));
            var target = plot.Add.Marker(neM.Y, neM.X, MarkerShape.OpenCircle, 16);
            target.Color = Colors.DarkOrange;
            target.LegendText = "expected landing point";
        }

        if (rows.Count > 0)
        {
            TruthEstimateRow last = rows[^1];
            var rest = plot.Add.Marker(last.TruthPositionNedM.Y, last.TruthPositionNedM.X, vehicle.Landed ? MarkerShape.FilledTriangleDown : MarkerShape.Eks, 14);
            rest.Color = vehicle.Crashed ? Colors.Red : Colors.DarkBlue;
            rest.LegendText = vehicle.Crashed ? "crashed here" : vehicle.Landed ? "landing point" : "last position (not landed)";
        }

        plot.Axes.SquareUnits();
        plot.Title(Title(vehicle) + "track, north over east (home frame)");
        plot.XLabel("east (m)");
        plot.YLabel("north (m)");
        plot.ShowLegend(Edge.Right);
        plot.SavePng(path, 1100, 900);
        return path;
    }

    private static string Series(string path, string title, string unit, double[] t, params (string Name, double[] Values)[] series)
    {
        var plot = new Plot();
        for (int i = 0; i < series.Length; i++)
        {
            // Estimates are NaN before the EKF has its origin: plot only the finite samples.
            int[] keep = [.. Enumerable.Range(0, t.Length).Where(k => double.IsFinite(series[i].Values[k]))];
            var line = plot.Add.ScatterLine(keep.Select(k => t[k]).ToArray(), keep.Select(k => series[i].Values[k]).ToArray());
            line.LegendText = series[i].Name;
            line.LineWidth = 1.5f;
            if (series.Length == 6 && i >= 3)
            {
                line.LinePattern = LinePattern.Dashed;
                line.Color = plot.GetPlottables().ElementAt(i - 3) is ScottPlot.Plottables.Scatter s ? s.Color : line.Color;
            }
        }

        plot.Title(title);
        plot.XLabel("time (s)");
        plot.YLabel(unit);
        plot.ShowLegend(Edge.Right);
        plot.SavePng(path, 1150, 450);
        return path;
    }

    private static string EstimatorError(string path, string title, IReadOnlyList<TruthEstimateRow> rows)
    {
        EstimatorErrorPlot.Build(title, rows).SavePng(path, 1150, 450);
        return path;
    }

    private static string Title(VehicleResult vehicle) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"vehicle {vehicle.SystemId} ({vehicle.AirframeName}): ");
}
