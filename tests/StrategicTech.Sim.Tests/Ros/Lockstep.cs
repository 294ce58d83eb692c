using StrategicTech.Sim.Ros;

namespace StrategicTech.Sim.Tests.Ros;

/// <summary>Steps a simulated robot faster than real time (20 ms of simulation per ~1 ms of wall time) until a condition holds.</summary>
internal static class Lockstep
{
    public static readonly TimeSpan WallTimeout = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Advances until <paramref name="done"/> holds; <paramref name="eachStep"/> runs first each step (a control loop);
    /// while <paramref name="hold"/> returns true simulated time stands still (waiting for an external client to react,
    /// so that its wall-time latency does not become simulated travel). Returns the simulated µs spent.
    /// </summary>
    public static async Task<long> RunUntilAsync(RosRobotHost host, Func<bool> done, Action? eachStep = null, long maxSimUs = 120_000_000, Func<bool>? hold = null)
    {
        long startUs = host.Clock.TimeUs;
        var wall = System.Diagnostics.Stopwatch.StartNew();
        while (!done())
        {
            Assert.True(wall.Elapsed < WallTimeout, $"condition not met within {WallTimeout.TotalSeconds} s of wall time");
            Assert.True(host.Clock.TimeUs - startUs < maxSimUs, $"condition not met within {maxSimUs / 1e6} s of simulated time");
            eachStep?.Invoke();
            if (hold?.Invoke() != true)
            {
                host.Advance(20_000);
            }

            await Task.Delay(1);
        }

        return host.Clock.TimeUs - startUs;
    }
}
