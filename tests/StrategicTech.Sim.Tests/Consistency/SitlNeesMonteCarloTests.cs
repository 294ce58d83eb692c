using System.Globalization;
using StrategicTech.Navigation.Estimation.Amr;
using StrategicTech.Navigation.Numerics;
using StrategicTech.Sim.Scenarios;
using StrategicTech.Sim.SensorModels;
using Xunit.Abstractions;

namespace StrategicTech.Sim.Tests.Consistency;

/// <summary>
/// Covariance consistency of the SITL EKF over a Monte Carlo of seeds (Bar-Shalom, Li &amp; Kirubarajan, "Estimation
/// with Applications to Tracking and Navigation", §5.4.2): at a fixed instant k of the bundled <c>hover</c> flight,
/// each of N independent runs (seed i: its own sensor noise, GNSS slow error, physics) gives a NEES
/// ε_i = e_i' P_i⁻¹ e_i. If the filter is consistent, N·ε̄ = Σ ε_i is χ² with N·n degrees of freedom (n = 3 position,
/// 3 velocity, 1 yaw), so the average ε̄ lies within [χ²_{N·n}(0.025), χ²_{N·n}(0.975)] / N with 95 % probability
/// (quantiles from <see cref="ChiSquare.Quantile"/>).
/// </summary>
public sealed class SitlNeesMonteCarloTests(ITestOutputHelper output)
{
    private const int Runs = 64;

    /// <summary>Instants after arming: holding at 10 m (arm + 15 s) and 15 s later (arm + 30 s).</summary>
    private static readonly double[] SinceArmS = [15, 30];

    /// <summary>
    /// <c>hover</c> in a world with the WMM field at home, its EKF looking the model up (as a real vehicle), with the
    /// default magnetometer's hard iron left uncalibrated (given as a scenario sensor error, so CAL_MAG0_* stay at
    /// their defaults; SITL vehicles otherwise start calibrated): the flights these figures were measured on.
    /// </summary>
    private static readonly Lazy<Campaign> Hover = new(() => Campaign.Fly(Runs, s => WithWorldModelField(s) with
    {
        Vehicles = [.. s.Vehicles.Select(v => v with { SensorErrors = new SensorErrors { MagHardIronGauss = MagParameters.Default.HardIronFrdGauss } })],
    }));

    /// <summary>The same flights with the magnetometer's hard iron calibrated out (zero), every other error as default.</summary>
    private static readonly Lazy<Campaign> HoverCalibratedMag = new(() => Campaign.Fly(Runs, s => WithWorldModelField(s) with
    {
        Vehicles = [.. s.Vehicles.Select(v => v with { SensorErrors = new SensorErrors() })],
    }));

    private static Scenario WithWorldModelField(Scenario s) => s with { World = s.World with { MagneticField = null } };

    [Fact]
    public void Average_position_and_velocity_nees_over_64_hover_seeds_lie_in_their_95_percent_intervals()
    {
        // Position measured 2.719 (arm + 15 s) and 2.726 (arm + 30 s) in [2.430, 3.629] (issue #11 reported 15–3 415 with
        // the filter's covariance alone). Velocity measured 2.640 and 3.403 in [2.430, 3.629]: with the EKF's default
        // 0.5 m/s GNSS velocity floor it was 0.131 and 0.301, with SitlEkfTuning's receiver floor alone 1.943 and 2.301,
        // with the IMU's accelerometer noise too (gyro at its 0.015 rad/s default) 2.288 and 2.916. Yaw is reported
        // (above the interval: the uncalibrated hard iron's heading bias, see the next test).
        Campaign c = Hover.Value;
        var failures = new List<string>();
        foreach (double t in SinceArmS)
        {
            Check(c, t, "position", 3, r => r.Consistency.PositionNees, failures);
            Check(c, t, "velocity", 3, r => r.Consistency.VelocityNees, failures);
            Report(c, t, "yaw", 1, r => r.Consistency.YawNees);
        }

        Assert.True(failures.Count == 0, string.Join("; ", failures));
    }

    /// <summary>
    /// Yaw: SITL's default magnetometer carries an uncalibrated hard iron (0.02, −0.01, 0.03 G) that biases the heading
    /// by a few degrees, a correlated error the heading fusion takes for noise, so the default's yaw NEES stays above
    /// the interval (22.9 and 36.7 with SitlEkfTuning's 0.18 rad, 8.5 and 13.0 with the EKF's 0.3 rad: a bias is not
    /// noise; calibration is the fix). With the hard iron calibrated out, SitlEkfTuning's heading noise (0.1 rad, where the EKF's
    /// PX4-like default 0.3 rad gave yaw NEES 0.10–0.14) puts yaw NEES inside the interval.
    /// </summary>
    [Fact]
    public void With_the_hard_iron_calibrated_out_average_yaw_position_and_velocity_nees_over_64_hover_seeds_lie_in_their_95_percent_intervals()
    {
        // measured yaw 0.815 and 1.143 in [0.684, 1.375] (0.985 and 1.259 before the 0.5 m ground hold, 1.035 and 1.286
        // before the IMU noise was matched; uncalibrated 22.233 and 36.504); position 2.719 / 2.724 and velocity 2.820 /
        // 3.532 in [2.430, 3.629] (2.568 / 3.420 before the ground hold).
        Campaign calibrated = HoverCalibratedMag.Value;
        Campaign uncalibrated = Hover.Value;
        var failures = new List<string>();
        foreach (double t in SinceArmS)
        {
            Check(calibrated, t, "yaw", 1, r => r.Consistency.YawNees, failures);
            Check(calibrated, t, "position", 3, r => r.Consistency.PositionNees, failures);
            Check(calibrated, t, "velocity", 3, r => r.Consistency.VelocityNees, failures);
            double high = ChiSquare.Quantile(0.975, uncalibrated.Count) / uncalibrated.Count;
            double before = uncalibrated.Average(t, r => r.Consistency.YawNees);
            Assert.True(before > high, Invariant($"default hard iron: yaw NEES {before:F3} ≤ {high:F3}")); // measured 22.233 and 36.504 (22.507 and 36.779 before the 0.5 m ground hold)
        }

        Assert.True(failures.Count == 0, string.Join("; ", failures));
    }

    [Fact]
    public void Stated_position_sigma_is_the_receivers_slow_error_plus_the_filters_own_part()
    {
        Campaign c = Hover.Value;
        TruthEstimateRow row = c.RowAt(0, 15);
        Vector3 sd = row.Consistency.PositionSigmaNedM;
        // Receiver: eph = √(0.1² + 0.5²) = 0.5099 m, epv = √(0.2² + 0.8²) = 0.8246 m (GnssParameters.Default).
        output.WriteLine(Invariant($"seed 1 at arm + 15 s: σ N {sd.X:F4} E {sd.Y:F4} D {sd.Z:F4} m"));
        Assert.InRange(sd.X, 0.5099, 0.56); // measured 0.512 m (filter's own 0.05 m in quadrature; 0.528 m before SitlEkfTuning); bound 0.56 m
        Assert.InRange(sd.Y, 0.5099, 0.56); // measured 0.512 m; bound 0.56 m
        Assert.InRange(sd.Z, 0.8246, 0.84); // measured 0.8248 m (the baro-fed height's own variance is tiny); bound 0.84 m
    }

    private void Check(Campaign c, double sinceArmS, string name, int dof, Func<TruthEstimateRow, double> nees, List<string> failures)
    {
        double average = c.Average(sinceArmS, nees);
        int k = c.Count * dof;
        double low = ChiSquare.Quantile(0.025, k) / c.Count, high = ChiSquare.Quantile(0.975, k) / c.Count;
        output.WriteLine(Invariant($"arm + {sinceArmS,2} s {name,-8}: average NEES {average:F3} ({dof} DOF, {c.Count} runs), 95 % interval [{low:F3}, {high:F3}]"));
        if (!(average >= low && average <= high))
        {
            failures.Add(Invariant($"{name} at arm + {sinceArmS} s: {average:F3} outside [{low:F3}, {high:F3}]"));
        }
    }

    private void Report(Campaign c, double sinceArmS, string name, int dof, Func<TruthEstimateRow, double> nees) =>
        output.WriteLine(Invariant($"arm + {sinceArmS,2} s {name,-8}: average NEES {c.Average(sinceArmS, nees):F3} ({dof} DOF; reported, not asserted)"));

    private static string Invariant(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);

    /// <summary>The logs of <c>hover</c> flown with seeds 1..N.</summary>
    private sealed class Campaign
    {
        private readonly List<VehicleResult> _vehicles = [];

        public int Count => _vehicles.Count;

        public static Campaign Fly(int runs, Func<Scenario, Scenario> adapt)
        {
            Scenario hover = adapt(ScenarioLoader.LoadBuiltIn("hover"));
            var c = new Campaign();
            for (int seed = 1; seed <= runs; seed++)
            {
                ScenarioResult r = ScenarioRunner.Run(hover, new ScenarioRunOptions { Seed = (ulong)seed });
                c._vehicles.Add(Assert.Single(r.Vehicles));
            }

            return c;
        }

        public double Average(double sinceArmS, Func<TruthEstimateRow, double> nees)
        {
            double sum = 0;
            for (int i = 0; i < Count; i++)
            {
                sum += nees(RowAt(i, sinceArmS));
            }

            return sum / Count;
        }

        /// <summary>The log row of run <paramref name="index"/> at <paramref name="sinceArmS"/> after arming.</summary>
        public TruthEstimateRow RowAt(int index, double sinceArmS)
        {
            VehicleResult v = _vehicles[index];
            long atUs = (long)Math.Round((v.ArmedAtS + sinceArmS) * 1e6);
            TruthEstimateRow row = v.Log.First(r => r.TimeUs >= atUs);
            Assert.True(row.Armed, $"run {index + 1} disarmed at arm + {sinceArmS} s");
            return row;
        }
    }
}
