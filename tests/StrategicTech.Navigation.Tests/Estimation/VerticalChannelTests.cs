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
/// delay), and EKF2's published states at the same instants. The cause of the former +0.10 m/s descent bias: the
/// accelerometer-z bias variance collapsed over the 27 s of ground and hover (1-sigma 0.0067 m/s^2, its random walk
/// far below the log's bias drift of ~0.03 m/s^2), so the filter held its vertical velocity for certain (1-sigma 0.06
/// m/s) and the loose vertical aids (baro 2 m, GNSS velocity 0.5 m/s) could not remove the error integrated at the
/// descent's start. EKF2 floors that variance (5e-8 (m/s)^2 per 10 ms step, 0.0224 m/s^2, held in its published
/// variances from 17 s on); with the same floor ours follows EKF2. The barometer is not the cause: its descent rate
/// (0.713 m/s) and hover-to-ground difference (3.566 m) match the receiver's (0.725 m/s, 3.567 m). After touchdown
/// the zero-velocity update (default on after a flight) pulls the velocity to zero once the vehicle is landed (the
/// log's land detector: 33.4 s) and still for 1 s.
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
    public void Descent_vertical_velocity_bias_against_gnss_is_bounded_and_not_larger_than_ekf2s()
    {
        VerticalBias b = Measure(new UavEkfParameters());
        output.WriteLine(b.ToString());
        Assert.Equal(24, b.DescentFixes); // every 5 Hz fix of the steady descent
        Assert.InRange(b.OursDescentMps, 0, 0.075); // measured +0.050 m/s (+0.101 before the bias variance floor); bound 0.075
        Assert.InRange(b.Ekf2DescentMps, 0, 0.088); // measured +0.059 m/s (issue: +0.03 on its log); bound 0.088
        Assert.True(b.OursDescentMps <= b.Ekf2DescentMps, b.ToString());
    }

    [SharedDataFact]
    public void After_touchdown_vertical_velocity_bias_is_within_0_1_and_horizontal_velocity_shows_no_sawtooth()
    {
        VerticalBias b = Measure(new UavEkfParameters());
        output.WriteLine(b.ToString());
        // measured +0.034 m/s with GNSS at 0 (+0.115 before the floor; EKF2 −0.090); bound 0.051 (goal |bias| ≤ 0.1)
        Assert.InRange(b.OursLandedMps, -0.051, 0.051);
        // Peak-to-peak of our horizontal velocity, every 10 ms of state time, on the ground (the log showed a
        // 0.3–0.5 m/s sawtooth after landing).
        Assert.InRange(b.OursLandedHorizontalPeakToPeakMps, 0, 0.022); // measured 0.015 m/s; bound 0.022
    }

    [SharedDataFact]
    public void Zero_velocity_update_at_rest_after_touchdown_pulls_the_vertical_velocity_towards_zero()
    {
        (List<ReplayRecord> records, _) = Iris.Value;
        var with = new UavEkf(new UavEkfParameters());
        var without = new UavEkf(new UavEkfParameters { UseZeroVelocityUpdate = false });
        UavState withEnd = Px4ReplayRunner.RunTrajectory(with, records)[^1].State;
        UavState withoutEnd = Px4ReplayRunner.RunTrajectory(without, records)[^1].State;
        output.WriteLine(Invariant($"at the data end (state time {with.Core.TimeUs / 1e6:F2} s): down velocity {withEnd.VelocityNedMps.Z:F3} m/s with the update, {withoutEnd.VelocityNedMps.Z:F3} without; down position {withEnd.PositionNedM.Z:F3} / {withoutEnd.PositionNedM.Z:F3} m; last fused at {with.ZeroVelocity.LastFusedUs / 1e6:F2} s"));
        Assert.True(with.ZeroVelocity.LastFusedUs > 33_400_000, "fused after the land detector's landed");
        Assert.Equal(0, without.ZeroVelocity.FusedCount);
        Assert.InRange(withEnd.VelocityNedMps.Z, -0.012, 0.012); // measured 0.008 m/s after 1 s at rest (EKF2 −0.09); bound ±0.012
        // measured 0.007 m/s less than without (0.015 m/s); bound at least 0.0047 m/s
        Assert.True(withoutEnd.VelocityNedMps.Z - withEnd.VelocityNedMps.Z > 0.0047, Invariant($"{withoutEnd.VelocityNedMps.Z:F3} − {withEnd.VelocityNedMps.Z:F3}"));
    }

    [SharedDataFact]
    public void Without_the_accel_z_bias_variance_floor_the_bias_variance_collapses_and_the_descent_bias_doubles()
    {
        var noFloor = new UavEkfParameters { AccelBiasMinSigmaMps2 = 0 };
        (double noFloorAccelSigma, double noFloorVelocitySigma) = DescentSigmas(noFloor);
        (double accelSigma, double velocitySigma) = DescentSigmas(new UavEkfParameters());
        double noFloorBias = Measure(noFloor).OursDescentMps;
        double bias = Measure(new UavEkfParameters()).OursDescentMps;
        output.WriteLine(Invariant($"mid-descent σ accel-z bias {accelSigma:F4} m/s² (no floor {noFloorAccelSigma:F4}; EKF2 0.0224), σ down velocity {velocitySigma:F3} m/s (no floor {noFloorVelocitySigma:F3}; EKF2 0.100); descent bias {bias:F3} m/s (no floor {noFloorBias:F3}; EKF2 0.059)"));
        Assert.InRange(noFloorAccelSigma, 0, 0.0099); // measured 0.0067 m/s² after 27 s of ground and hover; bound 0.0099
        Assert.InRange(noFloorVelocitySigma, 0, 0.07); // measured 0.060 m/s; bound 0.07
        Assert.InRange(noFloorBias, 0.09, 0.15); // measured 0.101 m/s; bound 0.09..0.15
        Assert.Equal(0.0224, accelSigma, 4); // held at the floor, as EKF2's
        Assert.InRange(velocitySigma, 0.08, 0.1); // measured 0.086 m/s (EKF2 0.100); bound 0.08..0.1
        Assert.True(bias < noFloorBias / 1.5, Invariant($"{bias:F3} against {noFloorBias:F3}"));
    }

    /// <summary>1-sigma of the accelerometer-z bias and of the down velocity at the delayed horizon, 30 s into the log.</summary>
    private static (double AccelZSigmaMps2, double DownVelocitySigmaMps) DescentSigmas(UavEkfParameters parameters)
    {
        (List<ReplayRecord> records, _) = Iris.Value;
        var filter = new UavEkf(parameters);
        long lastImuUs = -1;
        foreach (ReplayRecord r in records)
        {
            Px4ReplayRunner.Feed(filter, r, ref lastImuUs);
            if (filter.Core.TimeUs >= 30_000_000)
            {
                break;
            }
        }

        return (Math.Sqrt(filter.Core.Variance(UavErrorIndex.AccelBias + 2)), Math.Sqrt(filter.Core.Variance(UavErrorIndex.Velocity + 2)));
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
