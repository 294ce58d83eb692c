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

    /// <summary>Where seed i is carried (index i − 1): free places in different aisles, 0.6 m clear of the map's obstacles.</summary>
    internal static readonly Pose2D[] Destinations =
    [
        new(8.75, -15.2, 0.0),
        new(-4.5, -10.75, Math.PI / 2),
        new(3.5, -19.65, Math.PI),
        new(-6.25, -6.3, -Math.PI / 2),
        new(10.5, -16.25, 2.0),
        new(-11.0, 0.0, 0.0),
        new(11.0, 3.0, Math.PI / 2),
        new(-12.0, -20.0, Math.PI / 2),
        new(12.0, -5.0, -2.5),
        new(-3.0, -2.0, 3.0),
    ];

    /// <summary>What one kidnap run measured on truth.</summary>
    internal sealed record KidnapRun(AmrDemoResult Result, double DetectedAfterS, double RecoveredAfterS, double RolledWhileLostM, double LostS,
        IReadOnlyList<string> Episodes, long AmbiguousSearches, bool TruthHeld, string LastHypotheses, long Probes, double ProbeTravelM);

    // Measured over seeds 1..5 (one destination each): the navigator stopped for the kidnap 0.30 s after it on every
    // seed (bound 0.45 s) and the robot rolled at most 0.030 m before it stood (bound 0.045 m); one detection each,
    // recovered within 0.1 m / 5° (times and bounds in RecoveredWithinS), both goals reached without contact. Seed 3
    // held four places after its search (truth, a look-alike at (−11.58, −19.53) and two by the north edge) that the
    // endpoint score alone never separated (truth 0.909 against 0.915 after 30 s); with the beams' ranges checked
    // against the map along the beam, the truth scores 0.886 against 0.564, 0.321, 0.282 and is chosen standing still.
    [SharedDataFact]
    public async Task Kidnap_on_seeds_1_to_5_stops_the_robot_within_0_45_s_and_recovers_once_within_each_seeds_bound_reaching_both_goals()
    {
        var runs = await RunSeedsAsync(1, 5, output);
        Assert.All(runs, r => Assert.InRange(r.DetectedAfterS, 0.05, 0.45));
        Assert.All(runs, r => Assert.True(r.RolledWhileLostM <= 0.045, $"rolled {r.RolledWhileLostM:F3} m while lost"));
        AssertRecovered(runs, 1);
    }

    /// <summary>
    /// The probing move in the loop: seed 3 with the evidence of the issue's first version (endpoint score only: the
    /// range disagreement cap so wide that every beam agrees) holds its look-alike places standing still, so the
    /// navigator drives its bounded probes, each clear under every held place and of the live scan, slowly, through the
    /// collision monitor, and then fails both goals as LocalizationLost with nothing touched. Measured: 4 probes per goal
    /// (8), the robot's truth moved 4.225 m while probing, clearance to the map 0.890 m; the evidence still did not
    /// separate the places (the endpoint score does not see beams passing through a rack a place has in the way, the
    /// reason the range check exists).
    /// </summary>
    [SharedDataFact]
    public async Task Seed_3_with_endpoint_only_evidence_drives_bounded_probing_moves_without_contact_then_fails_as_localization_lost()
    {
        KidnapRun run = await RunAsync(3, Destinations[2], new KidnapRecoveryParameters { EvidenceRangeCapM = 99 });
        foreach (string episode in run.Episodes)
        {
            output.WriteLine(episode);
        }

        output.WriteLine($"probes {run.Probes}, travelled {run.ProbeTravelM:F3} m while probing, clearance {run.Result.Goals.Min(g => g.MinClearanceM):F3} m");
        Assert.Equal(8, run.Probes);
        Assert.True(run.ProbeTravelM > 2.8, $"travelled {run.ProbeTravelM:F3} m while probing"); // measured 4.225 m
        Assert.All(run.Result.Goals, g => Assert.Equal("failed: LocalizationLost", g.Outcome));
        Assert.All(run.Result.Goals, g => Assert.True(g.MinClearanceM > 0.59, $"clearance {g.MinClearanceM:F3} m")); // measured 0.890 m
    }

    /// <summary>
    /// Recovery bound per seed (index seed − 1), s after the kidnap, 1.5 × the measured time: seeds 1..5 measured
    /// 3.70, 4.10, 5.90, 4.10, 3.30 s; seeds 6..10 3.30, 3.30, 2.90, 2.80, 2.20 s.
    /// </summary>
    internal static readonly double[] RecoveredWithinS = [5.5, 6.1, 8.8, 6.1, 4.9, 4.9, 4.9, 4.3, 4.2, 3.3];

    internal static void AssertRecovered(IReadOnlyList<KidnapRun> runs, int firstSeed)
    {
        for (int i = 0; i < runs.Count; i++)
        {
            int seed = firstSeed + i;
            KidnapRun r = runs[i];
            Assert.True(r.Result.Passed, $"seed {seed} missed a goal or touched something");
            Assert.True(r.RecoveredAfterS <= RecoveredWithinS[seed - 1], $"seed {seed} recovered after {r.RecoveredAfterS:F2} s");
            Assert.Equal(1, r.Result.Relocalization!.Detections);
        }
    }

    internal static async Task<List<KidnapRun>> RunSeedsAsync(int firstSeed, int lastSeed, ITestOutputHelper output)
    {
        var runs = new List<KidnapRun>();
        for (int seed = firstSeed; seed <= lastSeed; seed++)
        {
            KidnapRun run = await RunAsync((ulong)seed, Destinations[seed - 1]);
            runs.Add(run);
            foreach (AmrGoalResult g in run.Result.Goals)
            {
                output.WriteLine($"seed {seed} goal {g.Index}: {g.Outcome} in {g.TimeS:F1} s, min clearance {g.MinClearanceM:F3} m, final loc error {g.FinalLocalizationErrorM:F3} m");
            }

            AmrRelocalizationStats stats = run.Result.Relocalization!;
            if (run.LastHypotheses.Length > 0)
            {
                output.WriteLine($"seed {seed}: last held hypotheses {run.LastHypotheses}; truth held {run.TruthHeld}");
            }

            foreach (string episode in run.Episodes)
            {
                output.WriteLine($"seed {seed}: {episode}");
            }

            output.WriteLine($"seed {seed}: detected after {run.DetectedAfterS:F2} s, recovered after {run.RecoveredAfterS:F2} s " +
                $"(lost {run.LostS:F2} s, rolled {run.RolledWhileLostM:F3} m before standing), detections {stats.Detections}, searches {stats.Searches}, " +
                $"reseeds {stats.Reseeds}, ambiguous searches {run.AmbiguousSearches}, probes {run.Probes}, {stats.MatcherLookups / 1e6:F1} M look-ups, passed {run.Result.Passed}");
        }

        return runs;
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

    internal static async Task<KidnapRun> RunAsync(ulong seed, Pose2D destination, KidnapRecoveryParameters? recovery = null)
    {
        OccupancyGridMap map = MapServerLoader.Load(SharedData.PathOf("maps", "ros", "nav2_warehouse", "warehouse.yaml"));
        long kidnapUs = -1;
        double detectedS = double.NaN, recoveredS = double.NaN, rolledM = 0, lostS = 0;
        (double X, double Y) last = default;
        var episodes = new List<string>();
        bool wasLost = false;
        bool foundOnce = false;
        long ambiguous = 0;
        bool truthHeld = false;
        string lastHypotheses = "";
        long probes = 0, probesNotFound = 0;
        double probeTravelM = 0;
        AmrDemoResult result = await AmrDemoRunner.RunAsync(new AmrDemoOptions
        {
            Map = map,
            Start = new Pose2D(0.5, -23.5, Math.PI / 2),
            Goals = [new Pose2D(0.5, -15.2, Math.PI / 2), new Pose2D(3.5, -10.75, 0)],
            Seed = seed,
            KidnapRecovery = recovery ?? new KidnapRecoveryParameters(),
            SimTimeLimitUs = 150_000_000,
            OnStep = (host, navigator, nowUs) =>
            {
                var b = host.Robot.Base;
                var localizer = (RecoveringLocalizer)navigator.Localizer;
                ambiguous = localizer.AmbiguousSearches;
                if (navigator.ProbesNotFound != probesNotFound)
                {
                    probesNotFound = navigator.ProbesNotFound;
                    episodes.Add($"no probe move clear at {nowUs / 1e6:F2} s ({localizer.HypothesisCount} places held)");
                }

                if (navigator.TotalProbes != probes)
                {
                    probes = navigator.TotalProbes;
                    ProbeMotion p = navigator.LastProbe;
                    episodes.Add($"probe {probes} at {nowUs / 1e6:F2} s: turn {p.HeadingRad * 180 / Math.PI:F0} deg, drive {p.DistanceM:F2} m " +
                        $"(discrimination {p.Discrimination:F3}) from truth ({b.TrueXM:F2}, {b.TrueYM:F2}), {localizer.HypothesisCount} places held");
                }

                if (localizer.State == RecoveringLocalizer.Phase.Disambiguating)
                {
                    // The held places carried to this step's odometry, against the robot's truth.
                    Pose2D delta = localizer.HypothesesOdomPose.Between(navigator.OdomPose);
                    var held = Enumerable.Range(0, localizer.HypothesisCount).Select(localizer.Hypothesis).ToArray();
                    truthHeld = held.Any(h => Math.Sqrt(Sq(h.Pose.Compose(delta).XM - b.TrueXM) + Sq(h.Pose.Compose(delta).YM - b.TrueYM)) < 0.1);
                    lastHypotheses = string.Join(", ", held.Select(h => $"({h.Pose.XM:F2}, {h.Pose.YM:F2}, {h.Pose.YawRad:F2}) mean {h.MeanScore:F4}"));
                }

                bool lostNow = navigator.State is NavigationState.Relocalizing or NavigationState.Probing;
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
                    bool lost = navigator.State is NavigationState.Relocalizing or NavigationState.Probing;
                    if (lost)
                    {
                        detectedS = double.IsNaN(detectedS) ? sinceS : detectedS;
                        // What the robot rolls while it stops for the kidnap (a later detection while driving on a
                        // look-alike starts from full speed and is not this figure), before any probing move.
                        rolledM += foundOnce || navigator.TotalProbes > 0 ? 0 : Math.Sqrt(Sq(b.TrueXM - last.X) + Sq(b.TrueYM - last.Y));
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

                probeTravelM += navigator.State == NavigationState.Probing ? Math.Sqrt(Sq(b.TrueXM - last.X) + Sq(b.TrueYM - last.Y)) : 0;
                last = (b.TrueXM, b.TrueYM);
                return Task.CompletedTask;
            },
        });
        return new KidnapRun(result, detectedS, recoveredS, rolledM, lostS, episodes, ambiguous, truthHeld, lastHypotheses, probes, probeTravelM);
    }

    private static double Sq(double v) => v * v;
}
