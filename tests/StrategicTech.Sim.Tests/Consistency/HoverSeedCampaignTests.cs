using System.Globalization;
using StrategicTech.Sim.Lockstep;
using StrategicTech.Sim.Scenarios;
using Xunit.Abstractions;

namespace StrategicTech.Sim.Tests.Consistency;

/// <summary>
/// <c>sitl batch hover --seeds 1..64</c>: the bundled hover (WMM field, calibrated compass), every seed, default options.
/// The EKF criterion judges the estimate against truth while the local origin carries the GNSS receiver's error at the
/// fix that set it (σ 0.51 m per horizontal axis, 0.82 m vertical for the simulated receiver). EKF2 keeps that origin
/// fixed too (it is not refined), so the criterion allows for it: an error beyond the 2 m limit passes only where the
/// filter's stated absolute covariance (its own part plus the receiver's slow error) covers it, position NEES at or
/// below χ²₃(99.9 %) = 16.27.
/// </summary>
public sealed class HoverSeedCampaignTests(ITestOutputHelper output)
{
    private const int Seeds = 64;
    private const double LimitM = 2.0;

    private static readonly Lazy<List<(int Seed, VehicleResult Vehicle, double MaxNeesBeyondLimit)>> Campaign = new(() =>
    {
        Scenario hover = ScenarioLoader.LoadBuiltIn("hover");
        var runs = new List<(int, VehicleResult, double)>();
        for (int seed = 1; seed <= Seeds; seed++)
        {
            var probe = new BeyondLimitProbe();
            ScenarioResult r = ScenarioRunner.Run(hover, new ScenarioRunOptions { Seed = (ulong)seed, Attach = (_, _, _) => probe });
            runs.Add((seed, Assert.Single(r.Vehicles), probe.MaxNeesBeyondLimit));
        }

        return runs;
    });

    [Fact]
    public void Every_hover_seed_passes_every_criterion_and_errors_beyond_2_m_lie_inside_the_stated_99_9_percent_ellipsoid()
    {
        var beyond = new List<int>();
        var failures = new List<string>();
        double worstNeesBeyond = 0;
        foreach ((int seed, VehicleResult v, double neesBeyond) in Campaign.Value)
        {
            failures.AddRange(v.Criteria.Where(c => !c.Counts).Select(c => Invariant($"seed {seed}: {c.Name} {c.Measured:F3} {c.Unit} (limit {c.Limit})")));
            if (v.MaxEkfPositionErrorM > LimitM)
            {
                beyond.Add(seed);
                worstNeesBeyond = Math.Max(worstNeesBeyond, neesBeyond);
                output.WriteLine(Invariant($"seed {seed}: max EKF error {v.MaxEkfPositionErrorM:F3} m; max position NEES while beyond {LimitM} m {neesBeyond:F2}"));
            }
        }

        output.WriteLine(Invariant($"seeds beyond {LimitM} m: {string.Join(", ", beyond)}; worst NEES there {worstNeesBeyond:F2} (covered up to {VehicleRun.CoveredPositionNees:F2})"));
        Assert.True(failures.Count == 0, string.Join("; ", failures));
        // The allowance is exercised: seeds 45 (2.323 m) and 56 (2.038 m) are beyond 2 m (a few of 64 is what the
        // receiver model predicts; the origin fix's error alone is 2.233 m on seed 45), each inside the stated ellipsoid.
        Assert.NotEmpty(beyond);
        Assert.InRange(worstNeesBeyond, 0, VehicleRun.CoveredPositionNees); // measured 10.29 (seed 45); bound 16.27 (χ²₃ 99.9 %)
    }

    /// <summary>
    /// Issue #11's 0.525° yaw offset at the stick (<c>CommandApiTests</c>, seed 7): the EKF's yaw error against truth at
    /// arm + 15 s over the 64 seeds has no common offset (a declination, model date or frame error would shift every
    /// seed alike); 0.525° lies inside the seed-to-seed spread and below the filter's stated σ, so it is the heading
    /// fusion's noise on that seed, not a bias.
    /// </summary>
    [Fact]
    public void Hover_yaw_error_over_64_seeds_has_no_common_offset_and_spreads_less_than_the_stated_sigma()
    {
        var errorsDeg = new List<double>();
        var sigmasDeg = new List<double>();
        foreach ((_, VehicleResult v, _) in Campaign.Value)
        {
            long atUs = (long)Math.Round((v.ArmedAtS + 15) * 1e6);
            TruthEstimateRow row = v.Log.First(r => r.TimeUs >= atUs);
            errorsDeg.Add(Math.IEEERemainder(row.EstimateEulerRad.Z - row.TruthEulerRad.Z, 2 * Math.PI) * 180 / Math.PI);
            sigmasDeg.Add(row.Consistency.AttitudeSigmaNedRad.Z * 180 / Math.PI);
        }

        double mean = errorsDeg.Average();
        double sd = Math.Sqrt(errorsDeg.Sum(e => (e - mean) * (e - mean)) / (errorsDeg.Count - 1));
        output.WriteLine(Invariant($"yaw error at arm + 15 s over {errorsDeg.Count} seeds: mean {mean:F3}° (standard error {sd / Math.Sqrt(errorsDeg.Count):F3}°), SD {sd:F3}°, min {errorsDeg.Min():F3}°, max {errorsDeg.Max():F3}°; stated σ mean {sigmasDeg.Average():F3}°"));
        Assert.InRange(Math.Abs(mean), 0, 0.115); // measured 0.021°; bound 0.115° (3 standard errors of 0.038°)
        Assert.InRange(sd, 0, 0.46); // measured 0.305°; bound 0.46°
        Assert.True(sd < sigmasDeg.Average(), Invariant($"SD {sd:F3}° ≥ stated σ {sigmasDeg.Average():F3}°")); // stated σ measured 0.949°
        Assert.InRange(0.525, 0, 2 * sd); // the stick's offset within two SD of the seeds' spread (2 × 0.305°)
    }

    private static string Invariant(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);

    /// <summary>Largest position NEES (absolute covariance) at instants where the armed vehicle's EKF error exceeds the limit.</summary>
    private sealed class BeyondLimitProbe : IVehicleAttachment
    {
        public double MaxNeesBeyondLimit { get; private set; }

        public void AfterStep(SitlVehicle vehicle, long timeUs)
        {
            if (vehicle.Commander.Armed && vehicle.EkfPositionErrorM > LimitM)
            {
                MaxNeesBeyondLimit = Math.Max(MaxNeesBeyondLimit, EstimateConsistency.Of(vehicle).PositionNees);
            }
        }

        public void Dispose()
        {
        }
    }
}
