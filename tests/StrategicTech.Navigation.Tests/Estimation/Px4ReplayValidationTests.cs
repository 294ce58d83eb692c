using StrategicTech.Navigation.Estimation.Uav;
using StrategicTech.Navigation.Estimation.Uav.Replay;
using StrategicTech.TestSupport;
using Xunit.Abstractions;

namespace StrategicTech.Navigation.Tests.Estimation;

public sealed class Px4ReplayValidationTests(ITestOutputHelper output)
{
    private const long TakeOffUs = 20_000_000;
    private const long LandingUs = 33_400_000;

    [Fact]
    public void Iris_gps_flight_matches_ekf2_within_bounds()
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
        Assert.True(Get("attitude").Count > 100);
        Assert.InRange(Get("attitude").Rms, 0, 2.0);
        Assert.InRange(Get("velocity").Rms, 0, 0.2);
        Assert.InRange(Get("position").Rms, 0, 0.5);
    }

    [Fact]
    public void Iris_gps_flight_with_auto_mag_selection_also_matches_ekf2()
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

        Assert.InRange(errors[0].Rms, 0, 2.0);
        Assert.InRange(errors[2].Rms, 0, 0.2);
        Assert.InRange(errors[3].Rms, 0, 0.5);
    }
}
