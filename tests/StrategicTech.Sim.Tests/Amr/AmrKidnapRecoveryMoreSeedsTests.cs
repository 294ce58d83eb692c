using StrategicTech.TestSupport;
using Xunit.Abstractions;

namespace StrategicTech.Sim.Tests.Amr;

/// <summary>
/// The SITL kidnap of <see cref="AmrKidnapRecoveryTests"/> on seeds 6..10, carried to five more aisles (a class of its
/// own so that it runs beside the first five seeds).
/// </summary>
public sealed class AmrKidnapRecoveryMoreSeedsTests(ITestOutputHelper output)
{
    [SharedDataFact]
    public async Task Kidnap_on_seeds_6_to_10_stops_the_robot_within_0_45_s_recovers_once_within_each_seeds_bound_and_reaches_both_goals()
    {
        var runs = await AmrKidnapRecoveryTests.RunSeedsAsync(6, 10, output);
        Assert.All(runs, r => Assert.InRange(r.DetectedAfterS, 0.05, 0.45));
        Assert.All(runs, r => Assert.True(r.RolledWhileLostM <= 0.045, $"rolled {r.RolledWhileLostM:F3} m while lost"));
        AmrKidnapRecoveryTests.AssertRecovered(runs, 6);
    }
}
