using StrategicTech.Navigation.Estimation.Uav;
using StrategicTech.Navigation.Estimation.Uav.Replay;
using StrategicTech.Navigation.Numerics;
using StrategicTech.TestSupport;
using Xunit.Abstractions;

namespace StrategicTech.Navigation.Tests.Estimation;

/// <summary>
/// The emergency yaw estimator (EKF-GSF bank) and the yaw reset it drives when the magnetometer is wrong: a
/// magnetometer rotated 90 or 180 deg about body z (a wrong orientation setting) in PX4's iris_gps replay, judged
/// against the published EKF2 run on the correct magnetometer, and in the synthetic flight, judged against truth.
/// </summary>
public sealed class EmergencyYawTests(ITestOutputHelper output)
{
    private const long TakeOffUs = 20_000_000;
    private const long LandingUs = 33_400_000;

    private static double YawDeg(Quaternion q) => q.ToEuler().Z * 180 / Math.PI;

    private static double WrapDeg(double deg) => Math.IEEERemainder(deg, 360);

    private sealed record ReplayOutcome(UavEkf Filter, double FinalYawErrorDeg, double FinalPositionErrorM, double SmallestGsfSdDeg);

    private static ReplayOutcome ReplayWithRotatedMag(double rotationDeg, bool emergencyYaw, double gnssGateSd = 5.0)
    {
        List<ReplayRecord> records = Px4ReplayCsvReader.ReadFile(SharedData.PathOf("logs", "px4_ecl", "replay_data_iris_gps.csv"));
        List<ChangeIndicationRow> reference = ChangeIndicationCsvReader.ReadFile(SharedData.PathOf("logs", "px4_ecl", "change_indication_iris_gps.csv"));
        reference = reference.FindAll(r => r.TimeUs <= records[^1].TimeUs);
        var turn = Quaternion.FromAxisAngle(Vector3.UnitZ, rotationDeg * Math.PI / 180);
        List<ReplayRecord> rotated = records.ConvertAll(r =>
        {
            if (r.Kind != ReplayRecordKind.Mag)
            {
                return r;
            }

            Vector3 m = turn.Rotate(new Vector3(r.V0, r.V1, r.V2));
            return r with { V0 = m.X, V1 = m.Y, V2 = m.Z };
        });

        // The published run's declination (see Px4ReplayValidationTests): the comparison measures the filter.
        ChangeIndicationRow atTakeOff = reference.Find(r => r.TimeUs >= TakeOffUs)!;
        var parameters = new UavEkfParameters
        {
            UseWorldMagneticModel = false,
            MagDeclinationRad = Math.Atan2(atTakeOff.State[17], atTakeOff.State[16]),
            UseEmergencyYawEstimator = emergencyYaw,
            GnssVelocityGateSd = gnssGateSd,
            GnssPositionGateSd = gnssGateSd,
        };
        var filter = new UavEkf(parameters);
        var ours = new List<ReplaySnapshot>(reference.Count);
        double smallestSd = double.PositiveInfinity;
        long lastImuUs = -1;
        int next = 0;
        foreach (ReplayRecord r in rotated)
        {
            while (next < reference.Count && r.TimeUs > reference[next].TimeUs)
            {
                ours.Add(new ReplaySnapshot(reference[next].TimeUs, filter.IsAligned, filter.DelayedState));
                next++;
            }

            Px4ReplayRunner.Feed(filter, r, ref lastImuUs);
            if (filter.EmergencyYaw.IsActive && filter.EmergencyYaw.FusedCount >= 5)
            {
                smallestSd = Math.Min(smallestSd, Math.Sqrt(filter.EmergencyYaw.YawVarianceRad2) * 180 / Math.PI);
            }
        }

        int last = reference.FindLastIndex(r => r.TimeUs <= LandingUs);
        double[] x = reference[last].State;
        UavState e = ours[last].State;
        double yawError = Math.Abs(WrapDeg(YawDeg(e.Attitude) - YawDeg(new Quaternion(x[0], x[1], x[2], x[3]))));
        double posError = Math.Sqrt(Math.Pow(e.PositionNedM.X - x[7], 2) + Math.Pow(e.PositionNedM.Y - x[8], 2));
        return new ReplayOutcome(filter, yawError, posError, smallestSd);
    }

    /// <summary>
    /// iris_gps is a vertical hop (climb to about 6 m, descend; horizontal speed under 0.15 m/s throughout): GNSS velocity
    /// carries no yaw information, so the correct behaviour is a bank that stays unconverged and no reset, with the
    /// position still held by GNSS. (The rotated-magnetometer recovery itself is tested on the synthetic flight below,
    /// which manoeuvres, and in SITL by <c>RotatedMagnetometerSitlTests</c>: a compass turned 90°/180° from power-on on a
    /// vehicle flying the <c>square</c>, whose legs make yaw observable; no manoeuvring real log is available here.) The default 5 sigma and the tightest 1 sigma GNSS
    /// gates give the same outcome: on a hop the wrong yaw does not make GNSS velocity or position innovations large.
    /// </summary>
    [SharedDataTheory]
    [InlineData(90.0, 5.0)]
    [InlineData(180.0, 5.0)]
    [InlineData(90.0, 1.0)]
    [InlineData(180.0, 1.0)]
    public void Iris_gps_hop_with_a_rotated_magnetometer_gives_no_yaw_information_so_the_bank_stays_unconverged_and_never_resets(double rotationDeg, double gnssGateSd)
    {
        ReplayOutcome outcome = ReplayWithRotatedMag(rotationDeg, emergencyYaw: true, gnssGateSd);
        UavEkf f = outcome.Filter;
        output.WriteLine($"mag rotated {rotationDeg} deg, GNSS gates {gnssGateSd} sd: yaw error at landing {outcome.FinalYawErrorDeg:F1} deg, horizontal {outcome.FinalPositionErrorM:F2} m, worst GSF yaw sd in flight {outcome.SmallestGsfSdDeg:F1} deg (smallest), emergency resets {f.EmergencyYawResetCount}");
        Assert.InRange(outcome.FinalYawErrorDeg, rotationDeg - 5, rotationDeg + 5); // measured 90.5 / 176.6 deg: the magnetometer's error, unobservable here
        Assert.Equal(0, f.EmergencyYawResetCount);
        Assert.InRange(outcome.SmallestGsfSdDeg, 60, 180); // measured 102.1-102.7 deg: the bank knows it does not know
        Assert.InRange(outcome.FinalPositionErrorM, 0, 0.24); // measured 0.16 m with either gate: GNSS holds position on a hop
    }

    [Theory]
    [InlineData(90.0)]
    [InlineData(180.0)]
    public void Synthetic_flight_with_a_rotated_magnetometer_resets_yaw_once_latches_mag_fault_and_ends_near_the_truth(double rotationDeg)
    {
        var sim = new SyntheticFlight(seed: 21) { MagRotationRad = rotationDeg * Math.PI / 180 };
        // The default filter, accel-z bias variance floor included (EKF2's, for biases that drift; the synthetic bias is
        // constant). Before the reset restarted the biases learnt under the wrong heading the floor cost yaw accuracy
        // here (2.88 / 7.78 deg against 1.20 / 6.76 deg without it), so the test ran with the floor off.
        var filter = new UavEkf(new UavEkfParameters { GnssDelayMs = 100, MagDeclinationRad = SyntheticFlight.DeclinationRad });
        double worstLateYaw = 0;
        while (sim.TimeUs < 60_000_000)
        {
            sim.Step();
            sim.Feed(filter);
            if (sim.TimeUs > 50_000_000)
            {
                worstLateYaw = Math.Max(worstLateYaw, Math.Abs(WrapDeg(YawDeg(filter.State.Attitude) - YawDeg(sim.TrueAttitude))));
            }
        }

        Vector3 truth = sim.TruthInFilterFrame(filter);
        double horizontal = Math.Sqrt(Math.Pow(truth.X - filter.State.PositionNedM.X, 2) + Math.Pow(truth.Y - filter.State.PositionNedM.Y, 2));
        output.WriteLine($"mag rotated {rotationDeg}: resets {filter.EmergencyYawResetCount}, worst yaw error 50-60 s {worstLateYaw:F2} deg, horizontal {horizontal:F2} m, GSF yaw sd {Math.Sqrt(filter.EmergencyYaw.YawVarianceRad2) * 180 / Math.PI:F2} deg, flags {filter.Flags}");
        Assert.Equal(1, filter.EmergencyYawResetCount);
        Assert.True(filter.Flags.HasFlag(UavEkfFlags.MagFault));
        // Default filter: 90 deg measured 1.74 deg, 0.17 m; bounds 2.6 deg, 0.26 m. 180 deg: measured 3.49 deg, 0.24 m;
        // bounds 5.2 deg, 0.36 m. The 0.5 m ground hold (EKF2's on-ground fake-position noise, 10 m before) lifts off
        // levelled: 2.03 / 8.26 deg before it (over seeds 1-10 at 180 deg the mean worst yaw 50-60 s fell from 34.1 to
        // 3.5 deg). Earlier: 90 deg measured 2.03 deg, 0.17 m; 180 deg: measured 8.26 deg, 0.25 m;
        // bounds 12.4 deg, 0.37 m. The figures moved with the default accel-z bias variance floor: the reset now restarts
        // the horizontal accel biases and the gyro z bias variance, so the floor's 2.88 / 7.78 deg became 2.03 / 8.26 deg
        // (floor off: 1.68 / 9.16 deg, 0.18 / 0.25 m; floor off and no restart: 1.20 / 6.76 deg). The 180 deg case resets
        // later, from a wider bank, and the main filter takes longer to settle (12.42 deg before the bank's tilt fix).
        Assert.InRange(worstLateYaw, 0, rotationDeg == 90 ? 2.6 : 5.2);
        Assert.InRange(horizontal, 0, rotationDeg == 90 ? 0.26 : 0.36);
    }

    /// <summary>
    /// The bank alone (true gyro bias, as the main filter would supply) in three seeded manoeuvring flights: converged by
    /// 11 s, then from 25 s on every composite yaw within 3.5 deg of the truth and within 1.6 of its own reported sigma,
    /// with the heaviest model's tilt within 0.9 deg. Before the kinematic-acceleration compensation and the rotating
    /// low-pass the same run gave 8-16 deg at 2-3 deg sigma (tilt 1-2.5 deg off).
    /// </summary>
    [Theory]
    [InlineData(5, 1.82, 0.69, 0.63)]
    [InlineData(21, 2.89, 1.16, 0.75)]
    [InlineData(3, 1.06, 0.41, 0.49)]
    public void Gsf_bank_alone_tracks_the_true_yaw_within_its_reported_sigma_in_a_manoeuvring_synthetic_flight(int seed, double measuredYawDeg, double measuredRatio, double measuredTiltDeg)
    {
        var sim = new SyntheticFlight(seed, new SyntheticSensorModel { GnssDelayUs = 0 });
        var gsf = new EmergencyYawEstimator();
        long convergedUs = -1;
        double worstYawDeg = 0, worstRatio = 0, worstTiltDeg = 0;
        while (sim.TimeUs < 60_000_000)
        {
            sim.Step();
            gsf.Predict(sim.Imu, sim.TrueGyroBiasRadps);
            if (!sim.InAir)
            {
                gsf.Stop();
                continue;
            }

            if (!sim.HasGnss || !sim.GnssAvailable)
            {
                continue;
            }

            gsf.FuseVelocity(sim.Gnss.VelocityNedMps.X, sim.Gnss.VelocityNedMps.Y, 0.1);
            if (convergedUs < 0 && gsf.IsConverged(0.262))
            {
                convergedUs = sim.TimeUs;
            }

            if (sim.TimeUs > 25_000_000)
            {
                double errorDeg = Math.Abs(WrapDeg((gsf.YawRad * 180 / Math.PI) - YawDeg(sim.TrueAttitude)));
                double tiltDeg = Math.Acos(Math.Clamp(Vector3.Dot(gsf.TiltAttitude.RotateInverse(Vector3.UnitZ), sim.TrueAttitude.RotateInverse(Vector3.UnitZ)), -1, 1)) * 180 / Math.PI;
                worstYawDeg = Math.Max(worstYawDeg, errorDeg);
                worstRatio = Math.Max(worstRatio, errorDeg / (Math.Sqrt(gsf.YawVarianceRad2) * 180 / Math.PI));
                worstTiltDeg = Math.Max(worstTiltDeg, tiltDeg);
            }
        }

        output.WriteLine($"seed {seed}: converged at {convergedUs / 1e6:F1} s; from 25 s worst yaw error {worstYawDeg:F2} deg (measured {measuredYawDeg}), worst error/sigma {worstRatio:F2} ({measuredRatio}), worst tilt {worstTiltDeg:F2} deg ({measuredTiltDeg})");
        Assert.InRange(convergedUs, 8_000_000, 11_000_000); // measured 10.6-10.8 s (take-off at 8 s)
        Assert.InRange(worstYawDeg, 0, 3.5); // measured 1.82 / 2.89 / 1.06 deg; bound 3.5 deg
        Assert.InRange(worstRatio, 0, 1.6); // measured 0.69 / 1.16 / 0.41; bound 1.6
        Assert.InRange(worstTiltDeg, 0, 0.9); // measured 0.63 / 0.75 / 0.49 deg; bound 0.9 deg
    }

    [Fact]
    public void Gsf_predict_and_fuse_allocate_nothing()
    {
        var gsf = new EmergencyYawEstimator();
        var level = new ImuSample(1000, new Vector3(0.0001, 0, 0.0002), new Vector3(0, 0, -9.80665 * 0.004), 0.004);
        gsf.Predict(level, Vector3.Zero);
        gsf.FuseVelocity(1, 0, 0.3);
        Allocations.AssertZero(() =>
        {
            gsf.Predict(level, Vector3.Zero);
            gsf.FuseVelocity(1, 0.1, 0.3);
        });
    }

    [Fact]
    public void Gsf_suspension_gyro_only_tilt_and_in_air_restart_allocate_nothing()
    {
        var gsf = new EmergencyYawEstimator();
        var level = new ImuSample(1000, new Vector3(0.0001, 0, 0.0002), new Vector3(0, 0, -9.80665 * 0.004), 0.004);
        gsf.Predict(level, Vector3.Zero);
        gsf.FuseVelocity(1, 0, 0.3);
        Allocations.AssertZero(() =>
        {
            for (int i = 0; i < 600; i++)
            {
                gsf.Predict(level, Vector3.Zero); // 2.4 s without GNSS: the models' tilt on the gyros alone
            }

            gsf.Suspend();
            gsf.Predict(level, Vector3.Zero);
            gsf.FuseVelocity(1, 0.1, 0.3); // first velocity after the gap: waits
            for (int i = 0; i < 50; i++)
            {
                gsf.Predict(level, Vector3.Zero);
            }

            gsf.FuseVelocity(1.1, 0.1, 0.3); // second: the restart
        });
        Assert.True(gsf.IsActive);
    }
}
