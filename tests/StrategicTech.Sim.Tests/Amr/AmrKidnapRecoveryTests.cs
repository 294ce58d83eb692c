using StrategicTech.Autopilot.Amr;
using StrategicTech.Navigation.Localization;
using StrategicTech.Navigation.Planning.Costmaps;
using StrategicTech.Sim.Amr;
using StrategicTech.TestSupport;
using Xunit.Abstractions;

namespace StrategicTech.Sim.Tests.Amr;

/// <summary>
/// Kidnapped-robot recovery in SITL on the Nav2 warehouse map (30 × 50 m, over loopback rosbridge, lockstep): the
/// robot drives the goals of <see cref="AmrLargeMapTests"/>, is carried 8 s after the start to another aisle (a
/// different place and heading per seed), and every figure is taken on the simulator's truth: when the navigator
/// stops for the kidnap, how far the robot rolls while the pose is searched, when its map pose is within 0.1 m / 5°
/// again, and whether it then reaches both goals without contact. Recovery is on by default in every run. (The
/// built-in warehouse is point-symmetric, so a kidnap there has two equally good answers; this map is not.)
/// </summary>
public sealed class AmrKidnapRecoveryTests(ITestOutputHelper output)
{
    private const double KidnapAfterS = 8;

    private static readonly Pose2D[] Destinations =
    [
        new(8.75, -15.2, 0.0),
        new(-4.5, -10.75, Math.PI / 2),
        new(3.5, -19.65, Math.PI),
        new(-6.25, -6.3, -Math.PI / 2),
        new(10.5, -16.25, 2.0),
    ];

    /// <summary>What one kidnap run measured on truth.</summary>
    private sealed record KidnapRun(AmrDemoResult Result, double DetectedAfterS, double RecoveredAfterS, double RolledWhileLostM, double LostS,
        IReadOnlyList<string> Episodes, long AmbiguousSearches);

    // Measured over seeds 1..5 (one destination each), recovery deciding between look-alike places on full-scan
    // evidence: the navigator stopped for the kidnap 0.30 s after it on every seed (bound 0.45 s) and the robot rolled
    // 0.030 m before it stood (bound 0.045 m). Seeds 1, 2, 4, 5: within 0.1 m / 5° of truth 2.80, 3.30, 2.30, 2.60 s
    // after the kidnap (bound 4.9 s), one detection each; seed 2's scan fitted several places and the evidence chose the
    // true one. Seed 3 (destination (3.5, −19.65)): the true place is not among the search's peaks (with margin 0.15
    // and eight peaks kept, the nearest is 3.1 m away along the aisle; the best, a look-alike 41 m away, scores 0.899),
    // so the evidence picks the look-alike; the robot drives on it until the detector fires a second time (55.2 s),
    // the second search finds the true place, and it is within 0.1 m / 5° 48.3 s after the kidnap (bound 60 s). All
    // five seeds reach both goals without contact.
    [SharedDataFact]
    public async Task Kidnap_stops_the_robot_within_0_45_s_and_every_seed_reaches_both_goals_recovered_within_4_9_s_on_four_and_60_s_on_seed_3()
    {
        var runs = new List<KidnapRun>();
        for (int seed = 1; seed <= 5; seed++)
        {
            KidnapRun run = await RunAsync((ulong)seed, Destinations[seed - 1]);
            runs.Add(run);
            foreach (AmrGoalResult g in run.Result.Goals)
            {
                output.WriteLine($"seed {seed} goal {g.Index}: {g.Outcome} in {g.TimeS:F1} s, min clearance {g.MinClearanceM:F3} m, final loc error {g.FinalLocalizationErrorM:F3} m");
            }

            AmrRelocalizationStats stats = run.Result.Relocalization!;
            foreach (string episode in run.Episodes)
            {
                output.WriteLine($"seed {seed}: {episode}");
            }

            output.WriteLine($"seed {seed}: detected after {run.DetectedAfterS:F2} s, recovered after {run.RecoveredAfterS:F2} s " +
                $"(lost {run.LostS:F2} s, rolled {run.RolledWhileLostM:F3} m before standing), detections {stats.Detections}, searches {stats.Searches}, " +
                $"reseeds {stats.Reseeds}, ambiguous searches {run.AmbiguousSearches}, {stats.MatcherLookups / 1e6:F1} M look-ups, passed {run.Result.Passed}");
        }

        Assert.All(runs, r => Assert.InRange(r.DetectedAfterS, 0.05, 0.45));
        Assert.All(runs, r => Assert.True(r.RolledWhileLostM <= 0.045, $"rolled {r.RolledWhileLostM:F3} m while lost"));
        Assert.All(runs, r => Assert.True(r.Result.Passed, "a seed missed a goal or touched something"));
        foreach (int seed in new[] { 1, 2, 4, 5 })
        {
            Assert.True(runs[seed - 1].RecoveredAfterS <= 4.9, $"seed {seed} recovered after {runs[seed - 1].RecoveredAfterS:F2} s");
            Assert.Equal(1, runs[seed - 1].Result.Relocalization!.Detections);
        }

        Assert.True(runs[2].RecoveredAfterS <= 60, $"seed 3 recovered after {runs[2].RecoveredAfterS:F2} s");
        Assert.Equal(2, runs[2].Result.Relocalization!.Detections); // the look-alike is left when the detector fires again
        Assert.Equal(1, runs[1].AmbiguousSearches); // seed 2 was decided between several places on evidence
    }

    [SharedDataFact]
    public async Task Two_runs_of_a_kidnap_with_the_same_seed_give_identical_summaries_and_traces()
    {
        KidnapRun first = await RunAsync(1, Destinations[0]);
        KidnapRun second = await RunAsync(1, Destinations[0]);
        Assert.Equal(first.Result.Goals, second.Result.Goals);
        Assert.Equal(first.Result.Relocalization, second.Result.Relocalization);
        Assert.Equal((first.DetectedAfterS, first.RecoveredAfterS, first.RolledWhileLostM), (second.DetectedAfterS, second.RecoveredAfterS, second.RolledWhileLostM));
        Assert.True(first.Result.Trace.SequenceEqual(second.Result.Trace), "the traces differ");
    }

    private static async Task<KidnapRun> RunAsync(ulong seed, Pose2D destination)
    {
        OccupancyGridMap map = MapServerLoader.Load(SharedData.PathOf("maps", "ros", "nav2_warehouse", "warehouse.yaml"));
        long kidnapUs = -1;
        double detectedS = double.NaN, recoveredS = double.NaN, rolledM = 0, lostS = 0;
        (double X, double Y) last = default;
        var episodes = new List<string>();
        bool wasLost = false;
        bool foundOnce = false;
        long ambiguous = 0;
        AmrDemoResult result = await AmrDemoRunner.RunAsync(new AmrDemoOptions
        {
            Map = map,
            Start = new Pose2D(0.5, -23.5, Math.PI / 2),
            Goals = [new Pose2D(0.5, -15.2, Math.PI / 2), new Pose2D(3.5, -10.75, 0)],
            Seed = seed,
            KidnapRecovery = new KidnapRecoveryParameters(),
            SimTimeLimitUs = 150_000_000,
            OnStep = (host, navigator, nowUs) =>
            {
                var b = host.Robot.Base;
                ambiguous = ((RecoveringLocalizer)navigator.Localizer).AmbiguousSearches;
                bool lostNow = navigator.State == NavigationState.Relocalizing;
                if (lostNow != wasLost)
                {
                    Pose2D e = navigator.MapPose;
                    var r = (RecoveringLocalizer)navigator.Localizer;
                    episodes.Add($"{(lostNow ? "lost" : "found")} at {nowUs / 1e6:F2} s, truth ({b.TrueXM:F2}, {b.TrueYM:F2}), estimate ({e.XM:F2}, {e.YM:F2}), " +
                        $"hypotheses {r.LastHypothesisCount}, ambiguous searches {r.AmbiguousSearches}");
                    foundOnce |= wasLost && !lostNow;
                    wasLost = lostNow;
                }

                if (kidnapUs < 0 && nowUs >= KidnapAfterS * 1e6)
                {
                    b.Teleport(destination.XM, destination.YM, destination.YawRad);
                    kidnapUs = nowUs;
                }
                else if (kidnapUs >= 0 && double.IsNaN(recoveredS))
                {
                    double sinceS = (nowUs - kidnapUs) / 1e6;
                    bool lost = navigator.State == NavigationState.Relocalizing;
                    if (lost)
                    {
                        detectedS = double.IsNaN(detectedS) ? sinceS : detectedS;
                        // What the robot rolls while it stops for the kidnap (a later detection while driving on a
                        // look-alike starts from full speed and is not this figure).
                        rolledM += foundOnce ? 0 : Math.Sqrt(Sq(b.TrueXM - last.X) + Sq(b.TrueYM - last.Y));
                        lostS += 0.05;
                    }

                    Pose2D estimate = navigator.MapPose;
                    double errorM = Math.Sqrt(Sq(estimate.XM - b.TrueXM) + Sq(estimate.YM - b.TrueYM));
                    double errorRad = Math.Abs(Pose2D.WrapPi(estimate.YawRad - b.TrueYawRad));
                    if (!double.IsNaN(detectedS) && !lost && errorM < 0.1 && errorRad < 5 * Math.PI / 180)
                    {
                        recoveredS = sinceS;
                    }
                }

                last = (b.TrueXM, b.TrueYM);
                return Task.CompletedTask;
            },
        });
        return new KidnapRun(result, detectedS, recoveredS, rolledM, lostS, episodes, ambiguous);
    }

    private static double Sq(double v) => v * v;
}
