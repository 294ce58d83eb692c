using System.Globalization;
using StrategicTech.Sim.Scenarios;
using Xunit.Abstractions;

namespace StrategicTech.Sim.Tests.Safety;

/// <summary>
/// The bundled <c>failsafes/gnss_loss</c> (GNSS lost for good at 50 s, 60 m out at 20 m) flown with the EKF tuned to
/// the simulated sensors, the default of every run, against the EKF's PX4-like defaults (opt-out): when the loss is
/// judged, whether the dead-reckoned horizontal σ tells the truth during the descent, and how long the vehicle stays
/// armed on the ground while its estimate drifts.
/// </summary>
public sealed class GnssLossDeadReckoningTests(ITestOutputHelper output)
{
    private const double FaultS = 50;

    private readonly record struct Figures(double FailsafeAfterFaultS, double TouchdownS, double DisarmS, double ErrorAtTouchdownM, double SigmaAtTouchdownM, double MaxEkfErrorM, bool Passed);

    [Fact]
    public void Tuned_dead_reckoning_sigma_matches_the_true_drift_and_the_vehicle_disarms_within_seconds_of_touchdown_for_seeds_1_to_3()
    {
        for (ulong seed = 1; seed <= 3; seed++)
        {
            Figures tuned = Fly(seed, tuned: true);
            Figures px4 = Fly(seed, tuned: false);
            output.WriteLine(Describe(seed, "tuned", tuned));
            output.WriteLine(Describe(seed, "PX4-like defaults", px4));
            Assert.True(tuned.Passed, $"seed {seed}: the tuned run failed a criterion");

            // The loss is judged on the aiding timeout (NoAidTimeoutS 1 s) plus COM_POS_FS_DELAY (1 s), not on σ:
            // measured 2.02 s with and without the tuning, every seed.
            Assert.InRange(tuned.FailsafeAfterFaultS, 2.0, 2.1);
            Assert.Equal(px4.FailsafeAfterFaultS, tuned.FailsafeAfterFaultS);

            // Dead reckoning through the 32 s descent: the tuned σ covers the true drift (error / σ at touchdown
            // 1.22 / 0.86 / 1.69 for seeds 1–3: 16.28 / 11.14 / 22.21 m against 13.35 / 13.01 / 13.15 m); the defaults'
            // σ is 2.2–2.8× the error (0.36 / 0.36 / 0.45, σ 28 m): pessimistic; neither decides when the loss is judged.
            // Until the emergency yaw reset required GNSS under test, the loss's no-fix samples counted as velocity
            // rejected and reset yaw three times 1.1–1.3 s into the loss, dropping the compass (then 1.01 / 0.65 / 1.64).
            double tunedRatio = tuned.ErrorAtTouchdownM / tuned.SigmaAtTouchdownM;
            double px4Ratio = px4.ErrorAtTouchdownM / px4.SigmaAtTouchdownM;
            Assert.InRange(tunedRatio, 0.57, 2.5); // measured 0.86–1.69; bounds 1.5× outside
            Assert.InRange(px4Ratio, 0.24, 0.67); // measured 0.36–0.45; bounds 1.5× outside

            // Touchdown to disarm: measured 4.1 / 3.2 / 6.0 s (seeds 1–3; defaults 4.2 / 3.3 / 5.9 s). Before the
            // touchdown attitude hold (Commander.LimitThrust) the tuned seeds 1 and 2 rocked on their legs chasing
            // the drifting estimate for about 16 / 28 s, their estimate running to 23.1 / 23.9 m off (now 15.1 / 9.5 m).
            Assert.InRange(tuned.DisarmS - tuned.TouchdownS, 0, 9.0); // bound 1.5× the slowest
        }
    }

    private static string Describe(ulong seed, string name, Figures f) => string.Create(CultureInfo.InvariantCulture,
        $"seed {seed} {name}: failsafe {f.FailsafeAfterFaultS:F2} s after the loss, touchdown {f.TouchdownS:F1} s, disarmed {f.DisarmS:F1} s ({f.DisarmS - f.TouchdownS:F1} s later), horizontal error at touchdown {f.ErrorAtTouchdownM:F2} m against σ {f.SigmaAtTouchdownM:F2} m (ratio {f.ErrorAtTouchdownM / f.SigmaAtTouchdownM:F2}), max EKF error {f.MaxEkfErrorM:F2} m, passed {f.Passed}");

    private static Figures Fly(ulong seed, bool tuned)
    {
        Scenario scenario = ScenarioLoader.LoadBuiltIn("failsafes.gnss_loss");
        ScenarioResult result = ScenarioRunner.Run(scenario, new ScenarioRunOptions { Seed = seed, MatchEkfToSensors = tuned, MatchEkfImuNoise = tuned });
        VehicleResult v = Assert.Single(result.Vehicles);
        CriterionResult failsafe = Assert.Single(v.Criteria, c => c.Name.StartsWith("failsafe", StringComparison.Ordinal));
        long faultUs = (long)(FaultS * 1e6);
        // Touchdown: the ground stops the crawl (0.3 m/s) within the last metre.
        TruthEstimateRow touchdown = v.Log.First(r => r.TimeUs > faultUs && r.TruthPositionNedM.Z > -1 && r.TruthVelocityNedMps.Z < 0.05);
        Assert.False(v.Armed);
        double errorM = Math.Sqrt(Sq(touchdown.EstimatePositionNedM.X - touchdown.TruthPositionNedM.X) + Sq(touchdown.EstimatePositionNedM.Y - touchdown.TruthPositionNedM.Y));
        double sigmaM = Math.Sqrt(Sq(touchdown.Consistency.PositionSigmaNedM.X) + Sq(touchdown.Consistency.PositionSigmaNedM.Y));
        return new Figures(failsafe.Measured, touchdown.TimeUs / 1e6, v.FinishedAtS, errorM, sigmaM, v.MaxEkfPositionErrorM, result.Passed);
    }

    private static double Sq(double x) => x * x;
}
