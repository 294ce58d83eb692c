using FsCheck.Xunit;
using StrategicTech.Navigation.Numerics;
using StrategicTech.Navigation.Planning.Trajectory;
using StrategicTech.TestSupport;

namespace StrategicTech.Navigation.Tests.Planning.Trajectory;

// Tolerances in this class are rounding epsilons (1e-12 .. 1e-6, absolute or relative) on limits and identities the
// profile holds exactly (speed, acceleration and jerk limits, end points, monotone progress), not measured figures.
public sealed class BlendedWaypointTrajectoryTests
{
    [Property(MaxTest = 80)]
    public void Random_paths_respect_every_limit_stay_within_the_acceptance_radius_and_end_at_rest(int seed)
    {
        var random = new Random(seed);
        bool planar = random.Next(2) == 0;
        int n = 2 + random.Next(7);
        var points = new Vector3[n];
        for (int i = 0; i < n; i++)
        {
            double scale = random.Next(4) == 0 ? 2 : 80;
            points[i] = new Vector3(random.NextDouble() * scale, random.NextDouble() * scale, planar ? 0 : -random.NextDouble() * scale);
        }

        var limits = new MotionLimits(0.5 + (random.NextDouble() * 15), 0.3 + (random.NextDouble() * 6), 0.5 + (random.NextDouble() * 20));
        double radius = random.NextDouble() * 10;
        var trajectory = new BlendedWaypointTrajectory(points, limits, radius);

        Assert.Equal(points[0], trajectory.Sample(0).Position);
        TrajectorySample last = trajectory.Sample(trajectory.DurationS);
        Assert.Equal(points[^1], last.Position);
        Assert.Equal(default, last.Velocity);
        Assert.True((trajectory.Sample(trajectory.DurationS * (1 - 1e-12)).Position - points[^1]).Length < 1e-6);

        const int steps = 20_000;
        double dt = trajectory.DurationS / steps;
        TrajectorySample previous = trajectory.Sample(0);
        double polyline = 0;
        for (int i = 1; i < n; i++)
        {
            polyline += (points[i] - points[i - 1]).Length;
        }

        Assert.Equal(polyline, trajectory.LengthM, 1e-6);
        Assert.True(trajectory.DurationS >= (trajectory.LengthM - (2 * radius * n)) / limits.MaxSpeedMps - 1e-9);
        for (int k = 1; k <= steps; k++)
        {
            TrajectorySample now = trajectory.Sample(k * dt);
            Assert.True(now.Velocity.Length <= limits.MaxSpeedMps * (1 + 1e-9), $"speed {now.Velocity.Length} > {limits.MaxSpeedMps} at t={k * dt}");
            Assert.True(now.Acceleration.Length <= limits.MaxAccelerationMps2 * (1 + 1e-9), $"acceleration {now.Acceleration.Length} at t={k * dt}");
            Assert.True(now.Jerk.Length <= limits.MaxJerkMps3 * (1 + 1e-9), $"jerk {now.Jerk.Length} at t={k * dt}");
            Assert.True((now.Acceleration - previous.Acceleration).Length <= (limits.MaxJerkMps3 * dt * (1 + 1e-6)) + 1e-9, $"acceleration jumps at t={k * dt}");
            Assert.True((now.Position - previous.Position).Length <= (limits.MaxSpeedMps * dt * (1 + 1e-6)) + 1e-9, $"position jumps at t={k * dt}");
            Vector3 meanVelocity = (now.Position - previous.Position) / dt;
            Assert.True((meanVelocity - ((now.Velocity + previous.Velocity) / 2)).Length <= (limits.MaxJerkMps3 * dt * dt) + (limits.MaxAccelerationMps2 * dt) + 1e-6, $"velocity is not dp/dt at t={k * dt}");
            Assert.True(now.PathDistanceM >= previous.PathDistanceM - 1e-9, $"progress went back at t={k * dt}");
            Assert.True(DistanceToPolyline(points, now.Position) <= radius + 1e-6, $"{DistanceToPolyline(points, now.Position)} m off the path at t={k * dt}");
            previous = now;
        }
    }

    [Fact]
    public void Corners_are_flown_without_stopping_and_faster_than_stopping()
    {
        Vector3[] square = [new(0, 0, -20), new(100, 0, -20), new(100, 100, -20), new(0, 100, -20), new(0, 0, -20)];
        var limits = new MotionLimits(10, 3, 6);
        var blended = new BlendedWaypointTrajectory(square, limits, acceptanceRadiusM: 5);
        var stopping = new WaypointTrajectory(square, limits);
        Assert.Equal(5, blended.CornerSpeedsMps.Count);
        Assert.Equal(0.0, blended.CornerSpeedsMps[0]);
        for (int k = 1; k < 4; k++)
        {
            Assert.True(blended.CornerSpeedsMps[k] > 2.74, $"corner {k} speed {blended.CornerSpeedsMps[k]}"); // measured 4.106 m/s at each; bound measured / 1.5
        }

        Assert.True(blended.DurationS < stopping.DurationS - 1.5, $"blended {blended.DurationS} s vs stopping {stopping.DurationS} s"); // measured 53.09 s vs 55.33 s (2.25 s saved); bound 1.5 s saved

        // A zero acceptance radius stops at every corner: the same timing as the stop-at-corners trajectory.
        var sharp = new BlendedWaypointTrajectory(square, limits, acceptanceRadiusM: 0);
        Assert.Equal(stopping.DurationS, sharp.DurationS, 1e-6);
    }

    [Fact]
    public void Sampling_allocates_nothing()
    {
        var trajectory = new BlendedWaypointTrajectory([new Vector3(0, 0, -10), new Vector3(50, 0, -10), new Vector3(50, 40, -30), new Vector3(0, 0, -10)], new MotionLimits(8, 3, 6), 4);
        double t = 0;
        Allocations.AssertZero(() =>
        {
            t += 0.0137;
            _ = trajectory.Sample(t % trajectory.DurationS);
        }, 10_000);
    }

    private static double DistanceToPolyline(Vector3[] points, Vector3 p)
    {
        double best = double.PositiveInfinity;
        for (int i = 1; i < points.Length; i++)
        {
            Vector3 a = points[i - 1];
            Vector3 ab = points[i] - a;
            double len2 = Vector3.Dot(ab, ab);
            double t = len2 > 0 ? Math.Clamp(Vector3.Dot(p - a, ab) / len2, 0, 1) : 0;
            best = Math.Min(best, (a + (ab * t) - p).Length);
        }

        return best;
    }
}
