using StrategicTech.Navigation.Estimation.Uav;
using Xunit.Abstractions;

namespace StrategicTech.Navigation.Tests.Estimation;

/// <summary>
/// The emergency yaw estimator after an in-air restart (GNSS lost from 30 to 60 s, longer than the 7 s reset timeout, so
/// the bank is suspended and starts afresh on the return), over eight seeded synthetic flights each: cruising straight
/// or manoeuvring at the restart, its stated yaw sigma against its error on the truth, and how near the bank comes to
/// resetting a good compass; and, as the counterpart, how fast a rotated compass is still reset. Before the fix (the
/// suspended bank's tilt leaned into the acceleration, the models then held a stale GNSS acceleration and started the
/// kinematic acceleration at zero in flight) the bank restarted in seed 12 of UavEkfFaultTests converged 39 deg off the
/// truth at a stated 7.4 deg and only the 10 s settling time kept it from resetting the compass.
/// </summary>
public sealed class EmergencyYawRestartTests(ITestOutputHelper output)
{
    private const long OutageStartUs = 30_000_000;
    private const long OutageEndUs = 60_000_000;
    private const long EndUs = 95_000_000;

    // Two-sided 95 % bound of a scalar Gaussian: the composite yaw is one angle whatever the bank's hypothesis count
    // (EmergencyYawEstimator.ModelCount = 5), so |error| / sigma exceeds 1.96 in 5 % of honest samples.
    private const double Normalised95 = 1.96;

    private static double WrapRad(double rad) => Math.IEEERemainder(rad, 2 * Math.PI);

    private sealed record RestartRun(List<double> NormalisedErrors, double WorstEarlyDisagreementDeg, double WorstSettledDisagreementDeg, int EmergencyResets);

    private static RestartRun FlyWithOutage(int seed, bool straightAtRestart, double settlingS)
    {
        // Straight: cruise at constant velocity from 20 s after take-off (28 s) to 70 s (78 s), then the figure resumes.
        var sim = new SyntheticFlight(seed) { StraightCruiseS = straightAtRestart ? (20, 70) : (double.PositiveInfinity, double.PositiveInfinity) };
        var filter = new UavEkf(new UavEkfParameters
        {
            GnssDelayMs = 100,
            MagDeclinationRad = SyntheticFlight.DeclinationRad,
            EmergencyYawRestartSettlingS = settlingS,
        });
        var normalised = new List<double>(200);
        double worstEarlyDeg = 0, worstSettledDeg = 0;
        long restartUs = -1;
        while (sim.TimeUs < EndUs)
        {
            sim.GnssAvailable = sim.TimeUs < OutageStartUs || sim.TimeUs >= OutageEndUs;
            sim.Step();
            sim.Feed(filter);
            EmergencyYawEstimator gsf = filter.EmergencyYaw;
            if (sim.TimeUs <= OutageEndUs || !sim.HasGnss || !gsf.IsActive)
            {
                continue;
            }

            restartUs = restartUs < 0 ? sim.TimeUs : restartUs;
            if (gsf.FusedCount < 5)
            {
                continue;
            }

            double trueYawRad = sim.TrueAttitude.ToEuler().Z;
            normalised.Add(Math.Abs(WrapRad(gsf.YawRad - trueYawRad)) / Math.Sqrt(gsf.YawVarianceRad2));
            if (gsf.IsConverged(filter.Parameters.EmergencyYawMaxErrorRad))
            {
                // What the reset compares: the converged bank's yaw against the filter's (the compass-led) yaw.
                double disagreementDeg = Math.Abs(WrapRad(gsf.YawRad - filter.State.Attitude.ToEuler().Z)) * 180 / Math.PI;
                if (sim.TimeUs - restartUs < (long)(new UavEkfParameters().EmergencyYawRestartSettlingS * 1e6))
                {
                    worstEarlyDeg = Math.Max(worstEarlyDeg, disagreementDeg);
                }
                else
                {
                    worstSettledDeg = Math.Max(worstSettledDeg, disagreementDeg);
                }
            }
        }

        return new RestartRun(normalised, worstEarlyDeg, worstSettledDeg, filter.EmergencyYawResetTotal);
    }

    private sealed record MonteCarlo(List<double> All, int HonestSeeds, double WorstEarlyDeg, double WorstSettledDeg, int Resets);

    private MonteCarlo Run(bool straightAtRestart, double settlingS)
    {
        var all = new List<double>(1400);
        double worstEarlyDeg = 0, worstSettledDeg = 0;
        int resets = 0, honestSeeds = 0;
        for (int seed = 101; seed <= 108; seed++)
        {
            RestartRun run = FlyWithOutage(seed, straightAtRestart, settlingS);
            all.AddRange(run.NormalisedErrors);
            worstEarlyDeg = Math.Max(worstEarlyDeg, run.WorstEarlyDisagreementDeg);
            worstSettledDeg = Math.Max(worstSettledDeg, run.WorstSettledDisagreementDeg);
            resets += run.EmergencyResets;
            run.NormalisedErrors.Sort();
            double p95 = run.NormalisedErrors[(int)(0.95 * (run.NormalisedErrors.Count - 1))];
            honestSeeds += p95 <= Normalised95 ? 1 : 0;
            output.WriteLine($"seed {seed}: samples {run.NormalisedErrors.Count}, |err|/sigma p95 {p95:F2}, worst {run.NormalisedErrors[^1]:F2}; worst converged bank-filter yaw disagreement in the first 10 s {run.WorstEarlyDisagreementDeg:F1} deg, after {run.WorstSettledDisagreementDeg:F1} deg; emergency resets {run.EmergencyResets}");
        }

        all.Sort();
        output.WriteLine($"{(straightAtRestart ? "straight" : "manoeuvring")}, settling {settlingS} s: {all.Count} samples, |err|/sigma p95 {P95(all):F2}, over 1.96 {all.Count(x => x > Normalised95) / (double)all.Count:P1}, worst {all[^1]:F2}; seeds with p95 <= 1.96: {honestSeeds}/8; worst disagreement first 10 s {worstEarlyDeg:F1} deg, after {worstSettledDeg:F1} deg; resets {resets}");
        return new MonteCarlo(all, honestSeeds, worstEarlyDeg, worstSettledDeg, resets);
    }

    private static double P95(List<double> sorted) => sorted[(int)(0.95 * (sorted.Count - 1))];

    private static double FailureDeg => new UavEkfParameters().EmergencyYawFailureRad * 180 / Math.PI;

    /// <summary>
    /// Restart while cruising straight at constant velocity (yaw unobservable from GNSS velocity): the bank must stay
    /// unconverged with a sigma that says so, then converge honestly when the figure resumes at 78 s. Eight seeds,
    /// sampled at every GNSS velocity from the restart (60 s) to 95 s, with the restart settling time off so the bank
    /// itself, not the 10 s wait, keeps the compass.
    /// </summary>
    [Fact]
    public void Bank_restarted_in_straight_flight_states_a_yaw_sigma_covering_95_percent_of_its_error_and_never_nears_a_reset_of_a_good_compass()
    {
        MonteCarlo mc = Run(straightAtRestart: true, settlingS: 0);
        Assert.True(mc.All.Count > 8 * 150, "every run samples the restarted bank"); // 8 runs x 168 GNSS samples
        Assert.InRange(P95(mc.All), 0, Normalised95); // measured p95 1.62 over 1 336 samples (0.4 % above 1.96; worst 2.13)
        Assert.Equal(0, mc.Resets);
        // margin >= 1.5x to the 25 deg failure threshold (and the 30 deg compass threshold): measured 14.8 deg (seed 107)
        Assert.InRange(Math.Max(mc.WorstEarlyDeg, mc.WorstSettledDeg), 0, FailureDeg / 1.5);
    }

    /// <summary>
    /// Restart in the manoeuvring figure (at 60 s the acceleration is 0.3-0.5 m/s^2 and slowly turning): the default
    /// filter never resets a good compass and, once the bank has run the 10 s settling time, its converged yaw stays
    /// within the reset threshold / 1.5 of the filter's yaw in these seeds. Its sigma is honest in most seeds but not all (see
    /// the bounds): in the remaining seeds the bank converges 20-30 deg off in its first 10 s at 5-8 deg sigma, and then
    /// walks to the truth over tens of seconds. Seed 12 of UavEkfFaultTests is such a seed and comes closer after the
    /// settling time (20.2 deg, 1.24x below the threshold). Not fixed: the models' 3-state covariance assumes a known
    /// tilt, while each model's tilt correction absorbs part of its yaw error when the acceleration is weak and slow.
    /// </summary>
    [Fact]
    public void Bank_restarted_in_manoeuvring_flight_never_resets_a_good_compass_and_agrees_with_it_after_settling()
    {
        MonteCarlo mc = Run(straightAtRestart: false, settlingS: new UavEkfParameters().EmergencyYawRestartSettlingS);
        Assert.True(mc.All.Count > 8 * 150, "every run samples the restarted bank");
        Assert.Equal(0, mc.Resets);
        Assert.InRange(mc.WorstSettledDeg, 0, FailureDeg / 1.5); // measured 14.9 deg after settling (31.6 deg in the first 10 s, seed 102); bound 16.7 deg
        Assert.InRange(mc.HonestSeeds, 5, 8); // measured 6 of 8 seeds with |err|/sigma p95 <= 1.96
        Assert.InRange(P95(mc.All), 0, 5.7); // measured 3.81 over all seeds (20.7 % above 1.96; 1.96 would be honest); bound 1.5x
    }

    /// <summary>
    /// The counterpart: a compass turned 90 or 180 deg about body z from power-on is still reset, four seeds each, with
    /// the same default filter; timed from take-off (8 s).
    /// </summary>
    [Theory]
    [InlineData(90.0, 4.1)]
    [InlineData(180.0, 4.1)]
    public void Rotated_compass_is_still_reset_within_a_bounded_time_after_take_off(double rotationDeg, double measuredWorstS)
    {
        double worstS = 0;
        for (int seed = 101; seed <= 104; seed++)
        {
            var sim = new SyntheticFlight(seed) { MagRotationRad = rotationDeg * Math.PI / 180 };
            var filter = new UavEkf(new UavEkfParameters { GnssDelayMs = 100, MagDeclinationRad = SyntheticFlight.DeclinationRad });
            double resetS = double.PositiveInfinity;
            while (sim.TimeUs < 40_000_000 && filter.EmergencyYawResetTotal == 0)
            {
                sim.Step();
                sim.Feed(filter);
                if (filter.EmergencyYawResetTotal > 0)
                {
                    resetS = (sim.TimeUs * 1e-6) - 8.0;
                }
            }

            output.WriteLine($"compass turned {rotationDeg} deg, seed {seed}: emergency yaw reset {resetS:F2} s after take-off");
            worstS = Math.Max(worstS, resetS);
        }

        output.WriteLine($"worst {worstS:F2} s (measured {measuredWorstS})");
        Assert.InRange(worstS, 0, 1.5 * measuredWorstS); // measured 3.5-4.1 s for either rotation; bound 1.5x the worst
    }
}
