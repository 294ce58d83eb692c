using StrategicTech.Navigation.Numerics;
using StrategicTech.Sim.Faults;
using StrategicTech.Sim.Lockstep;
using StrategicTech.Sim.Scenarios;
using Xunit.Abstractions;

namespace StrategicTech.Sim.Tests.Estimation;

/// <summary>
/// A compass mounted turned 90° or 180° in yaw from power-on (a <see cref="FaultKind.MagRotation"/> from 0 s, its
/// rotation parameter not set), flying the bundled <c>square</c> in a WMM world: the EKF aligns its yaw on the wrong
/// compass, the first horizontal leg's GNSS velocity disagrees, the emergency yaw estimator (EKF-GSF) converges and
/// resets yaw, and the vehicle finishes the square and lands at home, judged on truth. Unlike the iris_gps replay
/// (a vertical hop whose GNSS velocity carries no yaw information), the square's legs make yaw observable. The run's
/// EKF is matched to the simulated sensors (SitlEkfTuning, every run's default): its 0.05 m/s GNSS velocity floor rejects the
/// wrong yaw's velocity within a second, and the estimator-failure check waits while the reset is pending
/// (<c>UavEkf.EmergencyYawResetPending</c>); without that wait the failsafe landed the 90° vehicle 0.3 s before the reset.
/// </summary>
public sealed class RotatedMagnetometerSitlTests(ITestOutputHelper output)
{
    private sealed class ResetProbe : IVehicleAttachment
    {
        public int ResetTotal { get; private set; }

        public double FirstResetS { get; private set; } = double.NaN;

        public bool PendingBeforeReset { get; private set; }

        public void AfterStep(SitlVehicle vehicle, long timeUs)
        {
            int total = vehicle.Ekf.EmergencyYawResetTotal;
            PendingBeforeReset |= total == 0 && vehicle.Ekf.EmergencyYawResetPending;
            if (total > 0 && ResetTotal == 0)
            {
                FirstResetS = timeUs / 1e6;
            }

            ResetTotal = total;
        }

        public void Dispose()
        {
        }
    }

    [Theory]
    [InlineData(90.0)]
    [InlineData(180.0)]
    public void Compass_rotated_in_yaw_at_start_is_caught_by_the_emergency_yaw_reset_and_the_square_passes_every_criterion_on_truth(double rotationDeg)
    {
        Scenario square = ScenarioLoader.LoadBuiltIn("square");
        Assert.Null(square.World.MagneticField);
        Scenario rotated = square with
        {
            World = square.World with { Faults = [Fault.MagRotation(0, Fault.Permanent, new Vector3(0, 0, rotationDeg * Math.PI / 180))] },
        };
        var probe = new ResetProbe();
        // The GNSS and heading tuning without the IMU part (the bounds below were measured so); the default path,
        // IMU part included, is the next test.
        ScenarioResult result = ScenarioRunner.Run(rotated, new ScenarioRunOptions { Attach = (_, _, _) => probe, MatchEkfImuNoise = false });
        VehicleResult v = Assert.Single(result.Vehicles);
        double finalYawErrorDeg = double.NaN, armedAtFirstResetYawErrorDeg = double.NaN, yawSigmaAfterResetDeg = double.NaN;
        foreach (TruthEstimateRow row in v.Log)
        {
            double e = Math.Abs(Math.IEEERemainder(row.EstimateEulerRad.Z - row.TruthEulerRad.Z, 2 * Math.PI)) * 180 / Math.PI;
            if (row.Armed)
            {
                finalYawErrorDeg = e;
            }

            if (double.IsNaN(armedAtFirstResetYawErrorDeg) && row.TimeUs / 1e6 >= probe.FirstResetS + 5)
            {
                armedAtFirstResetYawErrorDeg = e;
                yawSigmaAfterResetDeg = row.Consistency.AttitudeSigmaNedRad.Z * 180 / Math.PI;
            }
        }

        output.WriteLine(string.Join(", ", v.Criteria.Select(c => $"{c.Name} {c.Measured:F2} {c.Unit}")));
        output.WriteLine($"rotated {rotationDeg}°: GSF resets {probe.ResetTotal} (first at {probe.FirstResetS:F1} s, armed at {v.ArmedAtS:F1} s, pending before it {probe.PendingBeforeReset}), yaw error 5 s after {armedAtFirstResetYawErrorDeg:F2}° (stated σ {yawSigmaAfterResetDeg:F2}°), at landing {finalYawErrorDeg:F2}°, landing {v.LandingDistanceFromHomeM:F2} m from home, max EKF position error {v.MaxEkfPositionErrorM:F2} m");
        Assert.Equal(1, probe.ResetTotal);
        Assert.True(probe.PendingBeforeReset);
        // Every criterion of the square, the EKF's 2.5 m position error limit included (before the earlier reset the
        // 180° run peaked at 3.54 m, flying 5.3 s on the wrong yaw; now 3.4 s).
        CriterionResult[] failed = [.. v.Criteria.Where(c => !c.Passed)];
        Assert.True(failed.Length == 0, string.Join("; ", failed.Select(c => $"{c.Name} {c.Measured:F2} > {c.Limit}")));
        (double resetByS, double yawDeg, double landingM, double ekfM) = Bounds(rotationDeg);
        Assert.InRange(probe.FirstResetS - v.ArmedAtS, 0, resetByS);
        Assert.InRange(armedAtFirstResetYawErrorDeg, 0, yawDeg);
        Assert.InRange(armedAtFirstResetYawErrorDeg, 0, 3 * yawSigmaAfterResetDeg);
        Assert.InRange(v.LandingDistanceFromHomeM, 0, landingM);
        Assert.InRange(v.MaxEkfPositionErrorM, 0, ekfM);
    }

    /// <summary>(first reset after arming s, yaw error on truth 5 s after it °, at landing °, landing from home m, max EKF position error m), without the IMU part of the tuning.</summary>
    private static (double ResetByS, double YawDeg, double LandingM, double EkfM) Bounds(double rotationDeg) => rotationDeg switch
    {
        // measured: reset 3.7 s after arming, yaw 0.67° (stated σ 2.12°; 0.46° before the reset restarted the biases
        // learnt under the wrong heading), landing 0.13 m, EKF 1.34 m; bounds 1.5×. With the EKF's PX4-like defaults,
        // no SitlEkfTuning: reset 12.0 s, yaw 3.00°, landing 0.15 m, EKF 1.56 m.
        90 => (5.5, 1.0, 0.2, 2.0),
        // measured: reset 3.4 s after arming, yaw 0.62° (σ 2.03°; 0.64° before the bias restart), landing 0.14 m,
        // EKF 1.56 m; bounds 1.5× (EKF 2.36 m, within the square's 2.5 m; PX4-like defaults: reset 5.3 s, yaw 6.18°,
        // landing 0.06 m, EKF 3.54 m)
        _ => (5.1, 0.93, 0.21, 2.36),
    };

    /// <summary>
    /// The same squares on the default path (the IMU part of the tuning too: gyro noise 0.00155 rad/s against PX4's
    /// 0.015): every criterion passes, the reset comes as early, the yaw converges by landing, and over the 10 s after
    /// the reset the yaw error stays within 3 of the filter's stated σ. Before the reset restarted what was learnt under
    /// the wrong heading (UavEkf.CheckEmergencyYawReset) the 180° run stated σ 0.81° at 6.5° of error 2 s after the
    /// reset and 0.80° at 2.56° 5 s after it: the horizontal accelerometer biases had absorbed the wrong heading
    /// (0.40/0.22 m/s² against a true 0.01/0.02, σ 0.024) and the gyro z bias too (0.33 °/s against 0.10, σ 0.05).
    /// </summary>
    [Theory]
    [InlineData(90.0, 6.0, 0.09, 0.2, 2.13, 0.35)] // measured reset 3.9 s after arming, yaw at landing 0.05°, landing 0.12 m, EKF 1.36 m, yaw 5 s after the reset 0.23° (σ 1.99°), worst error/σ over 10 s 1.70; bounds 1.5×
    [InlineData(180.0, 4.8, 0.35, 0.23, 2.38, 4.05)] // measured reset 3.2 s, yaw at landing 0.22°, landing 0.14 m, EKF 1.57 m, yaw 5 s after 2.70° (σ 1.97°), worst error/σ over 10 s 2.06; bounds 1.5×
    public void On_the_default_tuning_the_rotated_compass_square_resets_yaw_passes_every_criterion_and_the_yaw_error_stays_within_3_stated_sigma_for_10_s_after_the_reset(double rotationDeg, double resetByS, double finalYawDeg, double landingM, double ekfM, double yawAt5sDeg)
    {
        Scenario square = ScenarioLoader.LoadBuiltIn("square");
        Scenario rotated = square with
        {
            World = square.World with { Faults = [Fault.MagRotation(0, Fault.Permanent, new Vector3(0, 0, rotationDeg * Math.PI / 180))] },
        };
        var probe = new ResetProbe();
        ScenarioResult result = ScenarioRunner.Run(rotated, new ScenarioRunOptions { Attach = (_, _, _) => probe });
        VehicleResult v = Assert.Single(result.Vehicles);
        double finalYawErrorDeg = double.NaN, afterResetYawErrorDeg = double.NaN, afterResetSigmaDeg = double.NaN;
        double nextProfileS = 0, worstSigmaRatio = 0;
        var profile = new System.Text.StringBuilder();
        foreach (TruthEstimateRow row in v.Log)
        {
            double e = Math.Abs(Math.IEEERemainder(row.EstimateEulerRad.Z - row.TruthEulerRad.Z, 2 * Math.PI)) * 180 / Math.PI;
            if (row.Armed)
            {
                finalYawErrorDeg = e;
            }

            if (double.IsNaN(afterResetYawErrorDeg) && row.TimeUs / 1e6 >= probe.FirstResetS + 5)
            {
                afterResetYawErrorDeg = e;
                afterResetSigmaDeg = row.Consistency.AttitudeSigmaNedRad.Z * 180 / Math.PI;
            }

            double sinceResetS = (row.TimeUs / 1e6) - probe.FirstResetS;
            if (sinceResetS >= 0 && sinceResetS <= 10)
            {
                worstSigmaRatio = Math.Max(worstSigmaRatio, e / (row.Consistency.AttitudeSigmaNedRad.Z * 180 / Math.PI));
            }

            if (sinceResetS >= nextProfileS && sinceResetS <= 10.05)
            {
                profile.Append($" {sinceResetS:F1}s {e:F2}/{row.Consistency.AttitudeSigmaNedRad.Z * 180 / Math.PI:F2};");
                nextProfileS += 0.5;
            }
        }

        output.WriteLine($"yaw error / stated σ (°) after the reset:{profile} worst ratio over 10 s {worstSigmaRatio:F2}");
        output.WriteLine($"rotated {rotationDeg}° (default tuning): reset {probe.FirstResetS - v.ArmedAtS:F1} s after arming, yaw error 5 s after {afterResetYawErrorDeg:F2}° (stated σ {afterResetSigmaDeg:F2}°), at landing {finalYawErrorDeg:F2}°, landing {v.LandingDistanceFromHomeM:F2} m, max EKF position error {v.MaxEkfPositionErrorM:F2} m");
        Assert.Equal(1, probe.ResetTotal);
        CriterionResult[] failed = [.. v.Criteria.Where(c => !c.Passed)];
        Assert.True(failed.Length == 0, string.Join("; ", failed.Select(c => $"{c.Name} {c.Measured:F2} > {c.Limit}")));
        Assert.InRange(probe.FirstResetS - v.ArmedAtS, 0, resetByS);
        Assert.InRange(finalYawErrorDeg, 0, finalYawDeg);
        Assert.InRange(v.LandingDistanceFromHomeM, 0, landingM);
        Assert.InRange(v.MaxEkfPositionErrorM, 0, ekfM);
        Assert.InRange(afterResetYawErrorDeg, 0, yawAt5sDeg);
        Assert.InRange(afterResetYawErrorDeg, 0, 3 * afterResetSigmaDeg);
        // Worst error/σ over the 10 s after the reset at the log rate (measured 1.70 / 2.06; before the fix about 4.3 / 8.0): 3σ bound.
        Assert.InRange(worstSigmaRatio, 0, 3);
    }
}
