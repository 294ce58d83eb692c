using StrategicTech.Sim.Ros;

namespace StrategicTech.Sim.Tests.Ros;

/// <summary>Steps a simulated robot faster than real time (20 ms of simulation per ~1 ms of wall time) until a condition holds.</summary>
internal static class Lockstep
{
    public static readonly TimeSpan WallTimeout = TimeSpan.FromSeconds(60);

    /// <summary>Advances until <paramref name="done"/> holds; <paramref name="eachStep"/> runs first each step (a control loop). Returns the simulated µs spent.</summary>
    public static async Task<long> RunUntilAsync(RosRobotHost host, Func<bool> done, Action? eachStep = null, long maxSimUs = 120_000_000)
    {
        long startUs = host.Clock.TimeUs;
        var wall = System.Diagnostics.Stopwatch.StartNew();
        while (!done())
        {
            Assert.True(wall.Elapsed < WallTimeout, $"condition not met within {WallTimeout.TotalSeconds} s of wall time");
            Assert.True(host.Clock.TimeUs - startUs < maxSimUs, $"condition not met within {maxSimUs / 1e6} s of simulated time");
            eachStep?.Invoke();
            host.Advance(20_000);
            await Task.Delay(1);
        }

        return host.Clock.TimeUs - startUs;
    }
}
