using StrategicTech.Navigation.Localization;
using StrategicTech.Navigation.Planning;
using StrategicTech.Navigation.Planning.Costmaps;
using StrategicTech.Navigation.Planning.Grid;

namespace StrategicTech.Navigation.Tests.Amr;

/// <summary>Small worlds for the AMR controller tests: a walled grid with free rectangles, inflated like Nav2's costmap.</summary>
internal static class AmrTestWorld
{
    public const double ResolutionM = 0.05;
    public const double RobotRadiusM = 0.11;

    /// <summary>
    /// Inscribed radius of the costmap: the robot radius plus one cell of footprint padding, because inflation measures
    /// between cell centres and a point in a free cell can lie up to half a cell diagonal (0.035 m) nearer the obstacle.
    /// </summary>
    public const double PaddedInscribedRadiusM = RobotRadiusM + ResolutionM;

    /// <summary>A lethal world of <paramref name="widthM"/> × <paramref name="heightM"/> with the given free rectangles (x0, y0, x1, y1).</summary>
    public static Costmap2D Walls(double widthM, double heightM, params (double X0, double Y0, double X1, double Y1)[] free)
    {
        int w = (int)Math.Round(widthM / ResolutionM), h = (int)Math.Round(heightM / ResolutionM);
        var map = new Costmap2D(w, h, ResolutionM, 0, 0, 0, CostValues.Lethal);
        foreach ((double x0, double y0, double x1, double y1) in free)
        {
            for (int y = (int)Math.Round(y0 / ResolutionM); y < (int)Math.Round(y1 / ResolutionM); y++)
            {
                for (int x = (int)Math.Round(x0 / ResolutionM); x < (int)Math.Round(x1 / ResolutionM); x++)
                {
                    map[x, y] = CostValues.Free;
                }
            }
        }

        return map;
    }

    /// <summary>Static + inflation master (inscribed = padded robot radius, 0.5 m radius, k = 3 as the RPP defaults assume).</summary>
    public static LayeredCostmap Inflate(Costmap2D walls)
    {
        var layered = new LayeredCostmap(walls);
        layered.AddLayer(new StaticCostmapLayer(walls));
        layered.AddLayer(new InflationCostmapLayer(walls, new InflationLayer(PaddedInscribedRadiusM, 0.5, 3.0)));
        layered.Update();
        return layered;
    }

    /// <summary>A cost-aware A* path from start to goal on the master, resampled every 5 cm, in map metres.</summary>
    public static PathPose[] Plan(Costmap2D master, double sx, double sy, double gx, double gy)
    {
        SearchGrid grid = SearchGrid.FromCosts(master.Width, master.Height, master.Costs);
        var planner = new AStarPlanner(grid, costWeight: 3.0);
        Assert.True(master.TryWorldToCell(sx, sy, out int ax, out int ay));
        Assert.True(master.TryWorldToCell(gx, gy, out int bx, out int by));
        GridPlanResult result = planner.Plan(new GridCell(ax, ay), new GridCell(bx, by));
        Assert.True(result.Succeeded, result.Status.ToString());
        var points = new (double X, double Y)[planner.Path.Length];
        for (int i = 0; i < points.Length; i++)
        {
            points[i] = master.CellCenterToWorld(planner.Path[i].X, planner.Path[i].Y);
        }

        var resampled = new PathPose[(int)(PathPostProcessing.Length(points) / 0.05) + 4];
        int n = PathPostProcessing.Resample(points, 0.05, resampled);
        return resampled[..n];
    }

    /// <summary>Distance from a point to the nearest lethal cell's square (truth clearance of the robot centre).</summary>
    public static double ClearanceM(Costmap2D walls, double x, double y)
    {
        double best = double.PositiveInfinity;
        int reach = (int)Math.Ceiling(1.0 / ResolutionM);
        walls.TryWorldToCell(x, y, out int cx, out int cy);
        for (int j = Math.Max(0, cy - reach); j < Math.Min(walls.Height, cy + reach); j++)
        {
            for (int i = Math.Max(0, cx - reach); i < Math.Min(walls.Width, cx + reach); i++)
            {
                if (walls[i, j] != CostValues.Lethal)
                {
                    continue;
                }

                double dx = Math.Max(0, Math.Max((i * ResolutionM) - x, x - ((i + 1) * ResolutionM)));
                double dy = Math.Max(0, Math.Max((j * ResolutionM) - y, y - ((j + 1) * ResolutionM)));
                best = Math.Min(best, Math.Sqrt((dx * dx) + (dy * dy)));
            }
        }

        return best;
    }
}

/// <summary>An ideal differential-drive base that follows commands within acceleration limits (the truth in controller tests).</summary>
internal sealed class KinematicBase(double x, double y, double yaw, double linearAccelMps2 = 1.0, double angularAccelRadps2 = 4.0)
{
    public Pose2D Pose { get; private set; } = new(x, y, yaw);

    public double LinearMps { get; private set; }

    public double AngularRadps { get; private set; }

    public double DistanceM { get; private set; }

    public void Step(double linearCmd, double angularCmd, double dtS)
    {
        LinearMps += Math.Clamp(linearCmd - LinearMps, -linearAccelMps2 * dtS, linearAccelMps2 * dtS);
        AngularRadps += Math.Clamp(angularCmd - AngularRadps, -angularAccelRadps2 * dtS, angularAccelRadps2 * dtS);
        double mid = Pose.YawRad + (0.5 * AngularRadps * dtS);
        Pose = new Pose2D(Pose.XM + (LinearMps * dtS * Math.Cos(mid)), Pose.YM + (LinearMps * dtS * Math.Sin(mid)), Pose2D.WrapPi(Pose.YawRad + (AngularRadps * dtS)));
        DistanceM += Math.Abs(LinearMps) * dtS;
    }
}
