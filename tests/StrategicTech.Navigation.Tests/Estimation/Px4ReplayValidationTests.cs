using StrategicTech.Navigation.Estimation.Uav;
using StrategicTech.Navigation.Estimation.Uav.Replay;
using StrategicTech.Navigation.Geodesy;
using StrategicTech.Navigation.Geodesy.Magnetism;
using StrategicTech.Navigation.Numerics;
using StrategicTech.TestSupport;
using Xunit.Abstractions;

namespace StrategicTech.Navigation.Tests.Estimation;

/// <summary>
/// Our filter against the published EKF2 run of PX4-ECL's iris_gps replay (change_indication_iris_gps.csv). That run
/// is not EKF2 on true inputs: PX4's CSV harness swaps latitude and longitude, so EKF2 took its declination at
/// 8.55 N 47.40 E instead of Zurich (47.40 N 8.55 E). Its own earth-field state after the GNSS origin shows the
/// declination it used (0.556 deg). The state-group comparisons therefore give our filter that same declination, read
/// from the reference's field states, so they measure the filter and not the harness; a separate test runs with our
/// default (WMM2025 at the true origin) and checks that the difference to the reference is then the declination.
/// </summary>
public sealed class Px4ReplayValidationTests(ITestOutputHelper output)
{
    private const long TakeOffUs = 20_000_000;
    private const long LandingUs = 33_400_000;

    /// <summary>Declination EKF2 used in the published run: direction of its earth-field state after the origin, rad.</summary>
    private static double HarnessDeclinationRad(List<ChangeIndicationRow> reference)
    {
        ChangeIndicationRow row = reference.Find(r => r.TimeUs >= TakeOffUs)!;
        return Math.Atan2(row.State[17], row.State[16]);
    }

    private static UavEkfParameters AsHarness(List<ChangeIndicationRow> reference, UavEkfParameters? baseline = null) =>
        (baseline ?? new UavEkfParameters()) with { UseWorldMagneticModel = false, MagDeclinationRad = HarnessDeclinationRad(reference) };

    [SharedDataFact]
    public void Iris_gps_flight_matches_ekf2_in_all_seven_state_groups_within_1_5_times_the_measured_rms()
    {
        List<ReplayRecord> records = Px4ReplayCsvReader.ReadFile(SharedData.PathOf("logs", "px4_ecl", "replay_data_iris_gps.csv"));
        List<ChangeIndicationRow> reference = ChangeIndicationCsvReader.ReadFile(SharedData.PathOf("logs", "px4_ecl", "change_indication_iris_gps.csv"));
        long lastSensorUs = records[^1].TimeUs;
        reference = reference.FindAll(r => r.TimeUs <= lastSensorUs);
        var filter = new UavEkf(AsHarness(reference));
        List<ReplaySnapshot> ours = Px4ReplayRunner.Run(filter, records, reference.ConvertAll(r => r.TimeUs));

        List<StateGroupError> errors = ReplayComparison.Compare(ours, reference, TakeOffUs, LandingUs);
        foreach (StateGroupError e in errors)
        {
            output.WriteLine($"{e.Name,-11} RMS {e.Rms,9:F4} {e.Unit,-6} max {e.Max,9:F4} ({e.Count} rows)");
        }

        output.WriteLine($"flags {filter.Flags}, yaw resets {filter.YawResetCount}, gnss rejected {filter.Gnss.RejectedCount}, baro rejected {filter.Baro.RejectedCount}, mag rejected {filter.MagHeading.RejectedCount}");
        StateGroupError Get(string name) => errors.Find(e => e.Name == name)!;
        Assert.Equal(134, Get("attitude").Count); // every reference row between take-off and landing
        Assert.InRange(Get("attitude").Rms, 0, 0.47); // measured 0.315 deg (0.444 with declination 0); bound 0.47
        Assert.InRange(Get("yaw").Rms, 0, 0.30); // measured 0.203 deg (0.376 with declination 0); bound 0.30
        Assert.InRange(Get("velocity").Rms, 0, 0.21); // measured 0.143 m/s; bound 0.21
        Assert.InRange(Get("position").Rms, 0, 0.31); // measured 0.212 m; bound 0.31
        Assert.InRange(Get("height").Rms, 0, 0.22); // measured 0.150 m; bound 0.22
        Assert.InRange(Get("gyro bias").Rms, 0, 0.034); // measured 0.0233 deg/s; bound 0.034
        Assert.InRange(Get("accel bias").Rms, 0, 0.035); // measured 0.0239 m/s²; bound 0.035
    }

    [SharedDataFact]
    public void Iris_gps_flight_with_auto_mag_selection_matches_ekf2_in_all_seven_state_groups_within_1_5_times_the_measured_rms()
    {
        List<ReplayRecord> records = Px4ReplayCsvReader.ReadFile(SharedData.PathOf("logs", "px4_ecl", "replay_data_iris_gps.csv"));
        List<ChangeIndicationRow> reference = ChangeIndicationCsvReader.ReadFile(SharedData.PathOf("logs", "px4_ecl", "change_indication_iris_gps.csv"));
        reference = reference.FindAll(r => r.TimeUs <= records[^1].TimeUs);
        var filter = new UavEkf(AsHarness(reference, new UavEkfParameters { MagFusion = MagFusionMode.Auto }));
        List<ReplaySnapshot> ours = Px4ReplayRunner.Run(filter, records, reference.ConvertAll(r => r.TimeUs));
        List<StateGroupError> errors = ReplayComparison.Compare(ours, reference, TakeOffUs, LandingUs);
        foreach (StateGroupError e in errors)
        {
            output.WriteLine($"auto mag: {e.Name,-11} RMS {e.Rms,9:F4} {e.Unit,-6} max {e.Max,9:F4}");
        }

        StateGroupError Get(string name) => errors.Find(e => e.Name == name)!;
        Assert.InRange(Get("attitude").Rms, 0, 0.58); // measured 0.387 deg; bound 0.58
        Assert.InRange(Get("yaw").Rms, 0, 0.44); // measured 0.293 deg; bound 0.44
        Assert.InRange(Get("velocity").Rms, 0, 0.21); // measured 0.143 m/s; bound 0.21
        Assert.InRange(Get("position").Rms, 0, 0.31); // measured 0.212 m; bound 0.31
        Assert.InRange(Get("height").Rms, 0, 0.22); // measured 0.150 m; bound 0.22
        Assert.InRange(Get("gyro bias").Rms, 0, 0.040); // measured 0.0274 deg/s; bound 0.040
        Assert.InRange(Get("accel bias").Rms, 0, 0.037); // measured 0.0254 m/s²; bound 0.037
    }

    [SharedDataFact]
    public void Iris_gps_harness_declination_is_0_556_deg_and_the_wmm_at_the_true_origin_moves_our_yaw_from_the_reference_by_the_declination_difference()
    {
        List<ReplayRecord> records = Px4ReplayCsvReader.ReadFile(SharedData.PathOf("logs", "px4_ecl", "replay_data_iris_gps.csv"));
        List<ChangeIndicationRow> reference = ChangeIndicationCsvReader.ReadFile(SharedData.PathOf("logs", "px4_ecl", "change_indication_iris_gps.csv"));
        reference = reference.FindAll(r => r.TimeUs <= records[^1].TimeUs);
        double harnessDeg = HarnessDeclinationRad(reference) * 180 / Math.PI;
        Assert.InRange(harnessDeg, 0.55, 0.56); // measured 0.556 deg (EKF2's earth field N 0.2034, E 0.0020 G)

        var filter = new UavEkf(); // default: WMM2025 at the GNSS origin
        List<ReplaySnapshot> ours = Px4ReplayRunner.Run(filter, records, reference.ConvertAll(r => r.TimeUs));
        Assert.True(filter.MagReference.FromWorldModel);
        GeodeticPosition origin = filter.Gnss.Origin;
        double wmmDeg = Wmm2025.Model.Evaluate(origin, filter.Parameters.WorldMagneticModelYear).DeclinationRad * 180 / Math.PI;
        double usedDeg = filter.MagReference.DeclinationRad * 180 / Math.PI;
        Assert.Equal(wmmDeg, usedDeg, 12);
        Assert.InRange(origin.LatitudeRad * 180 / Math.PI, 47.39, 47.40); // the true origin: Zurich, not the harness's swap

        double sum = 0;
        int n = 0;
        for (int i = 0; i < Math.Min(ours.Count, reference.Count); i++)
        {
            if (reference[i].TimeUs < TakeOffUs || reference[i].TimeUs > LandingUs || !ours[i].Aligned)
            {
                continue;
            }

            double[] x = reference[i].State;
            double refYaw = new Quaternion(x[0], x[1], x[2], x[3]).ToEuler().Z;
            sum += Math.IEEERemainder(ours[i].State.Attitude.ToEuler().Z - refYaw, 2 * Math.PI);
            n++;
        }

        double meanYawOffsetDeg = sum / n * 180 / Math.PI;
        output.WriteLine($"WMM2025 declination at the origin {wmmDeg:F3} deg (year {filter.Parameters.WorldMagneticModelYear}), harness {harnessDeg:F3} deg, our mean yaw - reference {meanYawOffsetDeg:F3} deg over {n} rows");
        List<StateGroupError> errors = ReplayComparison.Compare(ours, reference, TakeOffUs, LandingUs);
        foreach (StateGroupError e in errors)
        {
            output.WriteLine($"wmm: {e.Name,-11} RMS {e.Rms,9:F4} {e.Unit,-6} max {e.Max,9:F4}");
        }

        // The offset is the declination difference (3.178 deg): what separates us from the published run is the
        // harness's input, not the filter.
        Assert.InRange(meanYawOffsetDeg - (wmmDeg - harnessDeg), -0.25, 0.25); // measured +0.166 deg; bound 0.25
        Assert.InRange(wmmDeg, 3.73, 3.74); // measured 3.734 deg at 47.398 N 8.546 E, 2027.5
    }
}
