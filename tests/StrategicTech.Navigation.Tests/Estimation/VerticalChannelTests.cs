using System.Globalization;
using StrategicTech.Navigation.Estimation.Uav;
using StrategicTech.Navigation.Estimation.Uav.Replay;
using StrategicTech.TestSupport;
using Xunit.Abstractions;

namespace StrategicTech.Navigation.Tests.Estimation;

/// <summary>
/// Issue #11 item 4, the vertical channel, on PX4-ECL's iris_gps replay: a hop that descends at 0.7 m/s from
/// 27.6 s to 32.4 s, touches down at ~32.5 s and sits until the data end (34.5 s). Our delayed-horizon vertical
/// velocity is compared with the GNSS receiver's at the instant each fix describes (arrival minus the 110 ms GNSS
/// delay), and EKF2's published states at the same instants. The bias is the inertial vertical channel running on an
/// accelerometer-z bias the short flight does not pin down, held only loosely by the barometer (2 m noise) and the
/// GNSS vertical velocity (0.5 m/s floor): tightening either vertical aid shrinks it, a quieter accelerometer model
/// (which trusts the inertial channel more) grows it. The barometer is not the cause: its descent rate (0.713 m/s) and
/// its hover-to-ground difference (3.566 m) match the GNSS receiver's (0.725 m/s, 3.567 m); our height follows our
/// inertial velocity instead and ends 0.27 m below the ground (EKF2 0.1 m). The touchdown's impulse is integrated
/// whole, so the vertical velocity keeps the descent's error on the ground, where the zero-velocity update (opt-in;
/// EKF2's 0.2 m/s, down axis only while GNSS aids the horizontal) pulls it towards zero once the vehicle is landed
/// (the log's land detector: 33.4 s) and still for 1 s.
/// </summary>
public sealed class VerticalChannelTests(ITestOutputHelper output)
{
    private const long DescentFromUs = 27_700_000;
    private const long DescentToUs = 32_400_000;
    private const long TouchdownUs = 32_800_000;

    private static readonly Lazy<(List<ReplayRecord> Records, List<ChangeIndicationRow> Reference)> Iris = new(() =>
    {
        List<ReplayRecord> records = Px4ReplayCsvReader.ReadFile(SharedData.PathOf("logs", "px4_ecl", "replay_data_iris_gps.csv"));
        List<ChangeIndicationRow> reference = ChangeIndicationCsvReader.ReadFile(SharedData.PathOf("logs", "px4_ecl", "change_indication_iris_gps.csv"));
        long last = records[^1].TimeUs;
        return (records, reference.FindAll(r => r.TimeUs <= last));
    });

    [SharedDataFact]
    public void Descent_vertical_velocity_bias_against_gnss_is_bounded_and_ekf2s_is_smaller()
    {
        VerticalBias b = Measure(new UavEkfParameters());
        output.WriteLine(b.ToString());
        Assert.Equal(24, b.DescentFixes); // every 5 Hz fix of the steady descent
        // measured +0.101 m/s (+0.105 with the zero-velocity update, which on the ground before take-off leaves the
        // accelerometer-z bias a little more certain; issue: +0.2 on its log); bound 0.15
        Assert.InRange(b.OursDescentMps, 0, 0.15);
        Assert.InRange(b.Ekf2DescentMps, 0, 0.088); // measured +0.059 m/s (issue: +0.03 on its log); bound 0.088
        Assert.True(b.OursDescentMps > b.Ekf2DescentMps, b.ToString());
    }

    [SharedDataFact]
    public void After_touchdown_vertical_velocity_bias_is_bounded_and_horizontal_velocity_shows_no_sawtooth()
    {
        VerticalBias b = Measure(new UavEkfParameters());
        output.WriteLine(b.ToString());
        Assert.InRange(b.OursLandedMps, 0, 0.17); // measured +0.115 m/s with GNSS at 0 (+0.110 with the zero-velocity update; EKF2 −0.090); bound 0.17
        // Peak-to-peak of our horizontal velocity, every 10 ms of state time, on the ground (the log showed a
        // 0.3–0.5 m/s sawtooth after landing).
        Assert.InRange(b.OursLandedHorizontalPeakToPeakMps, 0, 0.03); // measured 0.020 m/s (0.021 with the zero-velocity update); bound 0.03
    }

    [SharedDataFact]
    public void Zero_velocity_update_at_rest_after_touchdown_pulls_the_vertical_velocity_towards_zero()
    {
        (List<ReplayRecord> records, _) = Iris.Value;
        var with = new UavEkf(new UavEkfParameters { UseZeroVelocityUpdate = true });
        var without = new UavEkf(new UavEkfParameters());
        UavState withEnd = Px4ReplayRunner.RunTrajectory(with, records)[^1].State;
        UavState withoutEnd = Px4ReplayRunner.RunTrajectory(without, records)[^1].State;
        output.WriteLine(Invariant($"at the data end (state time {with.Core.TimeUs / 1e6:F2} s): down velocity {withEnd.VelocityNedMps.Z:F3} m/s with the update, {withoutEnd.VelocityNedMps.Z:F3} without; down position {withEnd.PositionNedM.Z:F3} / {withoutEnd.PositionNedM.Z:F3} m; last fused at {with.ZeroVelocity.LastFusedUs / 1e6:F2} s"));
        Assert.True(with.ZeroVelocity.LastFusedUs > 33_400_000, "fused after the land detector's landed");
        Assert.Equal(0, without.ZeroVelocity.FusedCount);
        Assert.InRange(withEnd.VelocityNedMps.Z, 0, 0.11); // measured 0.075 m/s after 1 s at rest (EKF2 −0.09); bound 0.11
        // measured 0.021 m/s less than without (0.096 m/s); bound at least 0.014 m/s
        Assert.True(withoutEnd.VelocityNedMps.Z - withEnd.VelocityNedMps.Z > 0.014, Invariant($"{withoutEnd.VelocityNedMps.Z:F3} − {withEnd.VelocityNedMps.Z:F3}"));
    }

    [SharedDataFact]
    public void Descent_bias_shrinks_with_tighter_vertical_aiding_and_grows_with_a_quieter_accelerometer_model()
    {
        var baseline = new UavEkfParameters();
        double defaultBias = Measure(baseline).OursDescentMps;
        double tightBaro = Measure(baseline with { BaroNoiseM = 0.5 }).OursDescentMps;
        double tightGnssVertical = Measure(baseline with { GnssVelocityNoiseMps = 0.1 }).OursDescentMps;
        double quietAccel = Measure(baseline with { AccelNoiseMps2 = 0.1 }).OursDescentMps;
        double ekf2VerticalWeighting = Measure(baseline with { GnssVerticalVelocityNoiseScale = 1.5 }).OursDescentMps;
        output.WriteLine(Invariant($"descent bias: default {defaultBias:F3}, baro 0.5 m {tightBaro:F3}, GNSS velocity 0.1 m/s {tightGnssVertical:F3}, accel noise 0.1 {quietAccel:F3}, GNSS vertical velocity noise ×1.5 {ekf2VerticalWeighting:F3} m/s"));
        Assert.InRange(tightBaro, 0, 0.08); // measured 0.063 m/s (default 0.101); bound 0.08
        Assert.InRange(tightGnssVertical, 0, 0.08); // measured 0.065 m/s; bound 0.08
        Assert.InRange(quietAccel, 0.12, 0.2); // measured 0.134 m/s; bound 0.12..0.2
        // PX4-ECL's EKF2 weights GNSS vertical velocity 1.5× looser than horizontal: not the cause of its smaller bias
        // (ours grows). measured 0.108 m/s (default 0.101); bound (default, 0.16)
        Assert.InRange(ekf2VerticalWeighting, defaultBias, 0.16);
    }

    private static VerticalBias Measure(UavEkfParameters parameters)
    {
        (List<ReplayRecord> records, List<ChangeIndicationRow> reference) = Iris.Value;
        var filter = new UavEkf(parameters);
        List<ReplaySnapshot> trajectory = Px4ReplayRunner.RunTrajectory(filter, records);
        long delayUs = (long)(parameters.GnssDelayMs * 1000);
        double ours = 0, ekf2 = 0, landed = 0;
        int descent = 0, onGround = 0;
        foreach (ReplayRecord g in records)
        {
            if (g.Kind != ReplayRecordKind.Gps)
            {
                continue;
            }

            long describesUs = g.TimeUs - delayUs;
            double oursDownMps = ReplayAlignment.At(trajectory, [describesUs], 0)[0].State.VelocityNedMps.Z;
            if (g.TimeUs > DescentFromUs && g.TimeUs < DescentToUs)
            {
                ChangeIndicationRow row = reference.MinBy(r => Math.Abs(r.TimeUs - describesUs))!;
                ours += oursDownMps - g.V5;
                ekf2 += row.State[UavStateIndex.VelocityDown] - g.V5;
                descent++;
            }
            else if (g.TimeUs > TouchdownUs)
            {
                landed += oursDownMps - g.V5;
                onGround++;
            }
        }

        double low = double.PositiveInfinity, high = double.NegativeInfinity;
        foreach (ReplaySnapshot s in trajectory)
        {
            if (s.StateTimeUs > TouchdownUs)
            {
                double speed = Math.Sqrt((s.State.VelocityNedMps.X * s.State.VelocityNedMps.X) + (s.State.VelocityNedMps.Y * s.State.VelocityNedMps.Y));
                low = Math.Min(low, speed);
                high = Math.Max(high, speed);
            }
        }

        return new VerticalBias(ours / descent, ekf2 / descent, descent, landed / onGround, high - low);
    }

    private static string Invariant(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);

    private readonly record struct VerticalBias(double OursDescentMps, double Ekf2DescentMps, int DescentFixes, double OursLandedMps, double OursLandedHorizontalPeakToPeakMps)
    {
        public override string ToString() => Invariant(
            $"descent bias ours {OursDescentMps:F3} EKF2 {Ekf2DescentMps:F3} m/s over {DescentFixes} fixes; landed bias ours {OursLandedMps:F3} m/s; landed horizontal speed peak-to-peak {OursLandedHorizontalPeakToPeakMps:F3} m/s");
    }
}
