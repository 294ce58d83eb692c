using StrategicTech.Navigation.Amr;
using StrategicTech.Navigation.Localization;
using Xunit.Abstractions;

namespace StrategicTech.Navigation.Tests.Amr;

public sealed class CollisionMonitorTests(ITestOutputHelper output)
{
    private const int Beams = 360;
    private const double Increment = 2 * Math.PI / Beams;

    [Fact]
    public void Points_in_the_stop_polygon_zero_the_command()
    {
        var monitor = new CollisionMonitor(CollisionMonitorParameters.ForRoundRobot(0.11));
        monitor.SetScan(DiscScan(new Pose2D(0, 0, 0), 0.40, 0, 0.1), 0, Increment, 0.12, 12, default, 0); // front at 0.30 m
        VelocityCommand c = monitor.Filter(new VelocityCommand(0.3, 0.1), 10_000, out CollisionAction action);
        Assert.Equal(CollisionAction.Stop, action);
        Assert.Equal(default, c);
    }

    [Fact]
    public void Points_in_the_slowdown_polygon_only_scale_the_command_by_the_ratio()
    {
        var p = CollisionMonitorParameters.ForRoundRobot(0.11) with { Footprint = null };
        var monitor = new CollisionMonitor(p);
        monitor.SetScan(DiscScan(new Pose2D(0, 0, 0), 0.75, 0, 0.1), 0, Increment, 0.12, 12, default, 0); // front at 0.65 m
        VelocityCommand c = monitor.Filter(new VelocityCommand(0.4, 0.2), 10_000, out CollisionAction action);
        Assert.Equal(CollisionAction.Slowdown, action);
        Assert.Equal(0.4 * 0.3, c.LinearMps, 1e-12);
        Assert.Equal(0.2 * 0.3, c.AngularRadps, 1e-12);
    }

    [Fact]
    public void A_clear_scan_passes_the_command_unchanged_and_a_stale_scan_stops_it()
    {
        var monitor = new CollisionMonitor(CollisionMonitorParameters.ForRoundRobot(0.11));
        var ranges = new float[Beams];
        Array.Fill(ranges, float.PositiveInfinity);
        monitor.SetScan(ranges, 0, Increment, 0.12, 12, default, 1_000_000);
        var command = new VelocityCommand(0.5, 0.3);
        Assert.Equal(command, monitor.Filter(command, 1_100_000, out CollisionAction clear));
        Assert.Equal(CollisionAction.None, clear);
        Assert.Equal(default, monitor.Filter(command, 1_600_001, out CollisionAction stale));
        Assert.Equal(CollisionAction.StopNoData, stale);
    }

    [Fact]
    public void The_approach_footprint_scales_the_command_to_keep_the_time_before_collision()
    {
        var p = CollisionMonitorParameters.ForRoundRobot(0.11) with
        {
            StopPolygon = CollisionPolygon.Box(0, 0.05, 0.05),
            SlowdownPolygon = CollisionPolygon.Box(0, 0.05, 0.05),
        };
        var monitor = new CollisionMonitor(p);
        monitor.SetScan(DiscScan(new Pose2D(0, 0, 0), 0.80, 0, 0.1), 0, Increment, 0.12, 12, default, 0); // front at 0.70 m
        VelocityCommand c = monitor.Filter(new VelocityCommand(0.5, 0), 10_000, out CollisionAction action);
        // Footprint radius 0.13 m (circumscribed 16-gon 0.1326): contact once the centre passes 0.70 − 0.13 = 0.57 m,
        // i.e. in the step ending at 1.2 s (0.6 m); the last free step ends at 1.1 s, so the ratio is 1.1 / 1.2.
        output.WriteLine($"approach command {c.LinearMps:F5} m/s");
        Assert.Equal(CollisionAction.Approach, action);
        Assert.Equal(0.5 * 1.1 / 1.2, c.LinearMps, 1e-9);
    }

    [Fact]
    public void Driving_at_a_standing_person_the_monitored_robot_stops_short_of_contact()
    {
        // The controller keeps asking for 0.5 m/s straight at a person (disc r = 0.25 m) 3 m ahead; the base
        // accelerates and brakes at 1 m/s². Scans at 10 Hz, control at 20 Hz.
        var monitor = new CollisionMonitor(CollisionMonitorParameters.ForRoundRobot(0.11));
        var robot = new KinematicBase(0, 0, 0);
        const double personX = 3.0, personY = 0.05, personR = 0.25;
        double minGap = double.PositiveInfinity;
        long t = 0;
        for (int i = 0; i < 400; i++, t += 50_000)
        {
            if (i % 2 == 0)
            {
                Pose2D r = robot.Pose;
                monitor.SetScan(DiscScan(r, personX, personY, personR), 0, Increment, 0.12, 12, default, t);
            }

            VelocityCommand c = monitor.Filter(new VelocityCommand(0.5, 0), t, out _);
            robot.Step(c.LinearMps, c.AngularRadps, 0.05);
            double gap = Math.Sqrt(Math.Pow(robot.Pose.XM - personX, 2) + Math.Pow(robot.Pose.YM - personY, 2)) - personR - 0.11;
            minGap = Math.Min(minGap, gap);
        }

        output.WriteLine($"closest gap between robot and person {minGap:F4} m, final speed {robot.LinearMps:F4}");
        Assert.True(minGap > 0.125, $"gap {minGap} m"); // measured 0.1889 m; bound 0.125 m (contact is 0)
        Assert.Equal(0.0, robot.LinearMps, 1e-9);
    }

    [Fact]
    public void The_monitor_takes_the_laser_mounting_pose_into_account()
    {
        var monitor = new CollisionMonitor(CollisionMonitorParameters.ForRoundRobot(0.11));
        var ranges = new float[Beams];
        Array.Fill(ranges, float.PositiveInfinity);
        ranges[0] = ranges[1] = ranges[Beams - 1] = 0.5f; // laser mounted backwards 0.1 m behind the centre: points at x ≈ −0.6
        monitor.SetScan(ranges, 0, Increment, 0.12, 12, new Pose2D(-0.1, 0, Math.PI), 0);
        Assert.Equal(new VelocityCommand(0.3, 0), monitor.Filter(new VelocityCommand(0.3, 0), 1, out _));
        Assert.Equal(0.6, monitor.NearestPointM, 1e-3);
    }

    /// <summary>A 360-beam scan from a sensor at <paramref name="sensor"/> seeing only a disc (x, y, r) in the same frame.</summary>
    internal static float[] DiscScan(Pose2D sensor, double x, double y, double r)
    {
        var ranges = new float[Beams];
        for (int i = 0; i < Beams; i++)
        {
            double a = sensor.YawRad + (i * Increment);
            double dx = Math.Cos(a), dy = Math.Sin(a);
            double ox = sensor.XM - x, oy = sensor.YM - y;
            double b = (ox * dx) + (oy * dy), c = (ox * ox) + (oy * oy) - (r * r);
            double disc = (b * b) - c;
            double t = disc < 0 ? double.PositiveInfinity : -b - Math.Sqrt(disc);
            ranges[i] = t > 0 ? (float)t : float.PositiveInfinity;
        }

        return ranges;
    }
}
