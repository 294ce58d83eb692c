using StrategicTech.Navigation.Estimation.Uav;
using StrategicTech.Navigation.Estimation.Uav.Replay;
using StrategicTech.TestSupport;
using Xunit.Abstractions;

namespace StrategicTech.Navigation.Tests.Estimation;

public sealed class Px4ReplayValidationTests(ITestOutputHelper output)
{
    private const long TakeOffUs = 20_000_000;
    private const long LandingUs = 33_400_000;

    [SharedDataFact]
    public void Iris_gps_flight_matches_ekf2_in_all_seven_state_groups_within_1_5_times_the_measured_rms()
    {
        List<ReplayRecord> records = Px4ReplayCsvReader.ReadFile(SharedData.PathOf("logs", "px4_ecl", "replay_data_iris_gps.csv"));
        List<ChangeIndicationRow> reference = ChangeIndicationCsvReader.ReadFile(SharedData.PathOf("logs", "px4_ecl", "change_indication_iris_gps.csv"));
        long lastSensorUs = records[^1].TimeUs;
        reference = reference.FindAll(r => r.TimeUs <= lastSensorUs);
        var filter = new UavEkf();
        List<ReplaySnapshot> ours = Px4ReplayRunner.Run(filter, records, reference.ConvertAll(r => r.TimeUs));

        List<StateGroupError> errors = ReplayComparison.Compare(ours, reference, TakeOffUs, LandingUs);
        foreach (StateGroupError e in errors)
        {
            output.WriteLine($"{e.Name,-11} RMS {e.Rms,9:F4} {e.Unit,-6} max {e.Max,9:F4} ({e.Count} rows)");
        }

        output.WriteLine($"flags {filter.Flags}, yaw resets {filter.YawResetCount}, gnss rejected {filter.Gnss.RejectedCount}, baro rejected {filter.Baro.RejectedCount}, mag rejected {filter.MagHeading.RejectedCount}");
        StateGroupError Get(string name) => errors.Find(e => e.Name == name)!;
        Assert.Equal(134, Get("attitude").Count); // every reference row between take-off and landing
        Assert.InRange(Get("attitude").Rms, 0, 0.65); // measured 0.444 deg; bound 0.65
        Assert.InRange(Get("yaw").Rms, 0, 0.55); // measured 0.376 deg; bound 0.55
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
        var filter = new UavEkf(new UavEkfParameters { MagFusion = MagFusionMode.Auto });
        List<ReplaySnapshot> ours = Px4ReplayRunner.Run(filter, records, reference.ConvertAll(r => r.TimeUs));
        List<StateGroupError> errors = ReplayComparison.Compare(ours, reference, TakeOffUs, LandingUs);
        foreach (StateGroupError e in errors)
        {
            output.WriteLine($"auto mag: {e.Name,-11} RMS {e.Rms,9:F4} {e.Unit,-6} max {e.Max,9:F4}");
        }

        StateGroupError Get(string name) => errors.Find(e => e.Name == name)!;
        Assert.InRange(Get("attitude").Rms, 0, 0.58); // measured 0.395 deg; bound 0.58
        Assert.InRange(Get("yaw").Rms, 0, 0.45); // measured 0.307 deg; bound 0.45
        Assert.InRange(Get("velocity").Rms, 0, 0.21); // measured 0.143 m/s; bound 0.21
        Assert.InRange(Get("position").Rms, 0, 0.31); // measured 0.212 m; bound 0.31
        Assert.InRange(Get("height").Rms, 0, 0.22); // measured 0.150 m; bound 0.22
        Assert.InRange(Get("gyro bias").Rms, 0, 0.040); // measured 0.0274 deg/s; bound 0.040
        Assert.InRange(Get("accel bias").Rms, 0, 0.037); // measured 0.0254 m/s²; bound 0.037
    }
}
