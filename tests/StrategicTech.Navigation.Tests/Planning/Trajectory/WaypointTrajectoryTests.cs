using FsCheck.Xunit;
using StrategicTech.Navigation.Numerics;
using StrategicTech.Navigation.Planning.Trajectory;
using StrategicTech.TestSupport;

namespace StrategicTech.Navigation.Tests.Planning.Trajectory;

// Tolerances in this class are rounding epsilons (1e-12 .. 1e-6, absolute or relative) on limits and identities the
// profile holds exactly (speed, acceleration and jerk limits, end points, monotone progress), not measured figures.
public sealed class WaypointTrajectoryTests
{
    [Fact]
    public void Long_move_takes_distance_over_speed_plus_speed_over_accel_plus_accel_over_jerk()
    {
        var profile = new DoubleSProfile(100, new MotionLimits(10, 4, 8));
        Assert.Equal(0.5, profile.JerkTimeS, 1e-12);
        Assert.Equal(3.0, profile.AccelerationTimeS, 1e-12);
        Assert.Equal(7.0, profile.CruiseTimeS, 1e-12);
        Assert.Equal((100.0 / 10) + (10.0 / 4) + (4.0 / 8), profile.DurationS, 1e-12);
        Assert.Equal(10.0, profile.PeakSpeedMps, 1e-12);
        profile.Sample(profile.DurationS / 2, out double s, out double v, out double a, out _);
        Assert.Equal(50.0, s, 1e-9);
        Assert.Equal(10.0, v, 1e-12);
        Assert.Equal(0.0, a);
        profile.Sample(profile.DurationS - 1e-12, out s, out _, out _, out _);
        Assert.Equal(100.0, s, 1e-9);
    }

    [Theory]
    [InlineData(0.1)] // neither speed nor acceleration limit reached: T = 4·∛(L / 2j)
    [InlineData(5.0)] // acceleration limit reached, speed limit not
    public void Short_moves_end_exactly_at_the_distance(double distance)
    {
        var limits = new MotionLimits(10, 4, 8);
        var profile = new DoubleSProfile(distance, limits);
        Assert.Equal(0.0, profile.CruiseTimeS);
        Assert.True(profile.PeakSpeedMps < 10); // the 10 m/s limit is not reached: measured 0.27 and 3.58 m/s
        if (distance < 2 * 64 / 64.0)
        {
            Assert.Equal(4 * Math.Cbrt(distance / 16), profile.DurationS, 1e-12);
        }

        profile.Sample(profile.AccelerationTimeS, out double half, out double peak, out _, out _);
        Assert.Equal(distance / 2, half, 1e-9);
        Assert.Equal(profile.PeakSpeedMps, peak, 1e-9);
        profile.Sample(profile.DurationS * (1 - 1e-12), out double end, out _, out _, out _);
        Assert.Equal(distance, end, 1e-9);
    }

    [Property(MaxTest = 80)]
    public void Random_paths_respect_every_limit_and_end_at_rest_on_the_last_waypoint(int seed)
    {
        var random = new Random(seed);
        bool planar = random.Next(2) == 0; // AMR (Z = 0) or UAV
        int n = 2 + random.Next(7);
        var points = new Vector3[n];
        for (int i = 0; i < n; i++)
        {
            double scale = random.Next(3) == 0 ? 0.5 : 80;
            points[i] = new Vector3(random.NextDouble() * scale, random.NextDouble() * scale, planar ? 0 : -random.NextDouble() * scale);
        }

        if (random.Next(4) == 0 && n >= 3)
        {
            points[2] = points[1] + ((points[1] - points[0]) * 0.5); // a collinear continuation
        }

        var limits = new MotionLimits(0.5 + (random.NextDouble() * 15), 0.3 + (random.NextDouble() * 6), 0.5 + (random.NextDouble() * 20));
        var trajectory = new WaypointTrajectory(points, limits);

        Assert.Equal(points[0], trajectory.Sample(0).Position);
        TrajectorySample last = trajectory.Sample(trajectory.DurationS);
        Assert.Equal(points[^1], last.Position);
        Assert.Equal(default, last.Velocity);
        Assert.Equal(default, trajectory.Sample(0).Velocity);
        Assert.True(trajectory.DurationS >= trajectory.SpeedLowerBoundS - 1e-12);

        const int steps = 20_000;
        double dt = trajectory.DurationS / steps;
        TrajectorySample previous = trajectory.Sample(0);
        for (int k = 1; k <= steps; k++)
        {
            TrajectorySample now = trajectory.Sample(k * dt);
            Assert.True(now.Velocity.Length <= limits.MaxSpeedMps * (1 + 1e-9), $"speed {now.Velocity.Length} at t={k * dt}");
            Assert.True(now.Acceleration.Length <= limits.MaxAccelerationMps2 * (1 + 1e-9), $"acceleration {now.Acceleration.Length} at t={k * dt}");
            Assert.True(now.Jerk.Length <= limits.MaxJerkMps3 * (1 + 1e-9));
            // Finite differences: jerk bounds the change of acceleration, speed bounds the step, progress is monotone.
            Assert.True((now.Acceleration - previous.Acceleration).Length <= (limits.MaxJerkMps3 * dt * (1 + 1e-6)) + 1e-9, $"jerk at t={k * dt}");
            Assert.True((now.Position - previous.Position).Length <= (limits.MaxSpeedMps * dt * (1 + 1e-6)) + 1e-9);
            Assert.True(now.PathDistanceM >= previous.PathDistanceM - 1e-12, $"progress went back at t={k * dt}");
            // Velocity is the derivative of position (mean-value check over the step).
            Vector3 meanVelocity = (now.Position - previous.Position) / dt;
            Assert.True((meanVelocity - ((now.Velocity + previous.Velocity) / 2)).Length <= (limits.MaxJerkMps3 * dt * dt) + (limits.MaxAccelerationMps2 * dt) + 1e-6);
            previous = now;
        }

        Assert.Equal(trajectory.LengthM, previous.PathDistanceM, 1e-9);
    }

    [Fact]
    public void Stops_at_real_corners_and_flies_through_collinear_points()
    {
        var limits = new MotionLimits(5, 2, 4);
        var trajectory = new WaypointTrajectory([new Vector3(0, 0, 0), new Vector3(10, 0, 0), new Vector3(30, 0, 0), new Vector3(30, 20, 0)], limits);
        Assert.Equal(2, trajectory.MoveCount);
        Assert.Equal(50.0, trajectory.LengthM, 1e-12);
        double firstMove = new DoubleSProfile(30, limits).DurationS;
        Assert.Equal(firstMove + new DoubleSProfile(20, limits).DurationS, trajectory.DurationS, 1e-12);
        TrajectorySample corner = trajectory.Sample(firstMove);
        Assert.Equal(30.0, corner.Position.X, 1e-9);
        Assert.True(corner.Velocity.Length < 1e-9);
        Assert.Equal(5.0, trajectory.Sample(firstMove / 2).Velocity.X, 1e-9); // cruising through the collinear point at 10 m
    }

    [Fact]
    public void Sampling_allocates_nothing()
    {
        var trajectory = new WaypointTrajectory([new Vector3(0, 0, -10), new Vector3(50, 0, -10), new Vector3(50, 40, -30), new Vector3(0, 0, -10)], new MotionLimits(8, 3, 6));
        double t = 0;
        Allocations.AssertZero(() =>
        {
            t += 0.0137;
            _ = trajectory.Sample(t % trajectory.DurationS);
        }, 10_000);
    }
}
