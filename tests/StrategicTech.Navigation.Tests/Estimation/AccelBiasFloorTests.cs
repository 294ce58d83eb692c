using System.Globalization;
using StrategicTech.Navigation.Estimation.Uav;
using StrategicTech.Navigation.Estimation.Uav.Replay;
using StrategicTech.TestSupport;
using Xunit.Abstractions;

namespace StrategicTech.Navigation.Tests.Estimation;

/// <summary>
/// Issue #11: the accelerometer bias variance floor on all three axes (<see cref="UavEkfParameters.AccelBiasFloorOnAllAxes"/>),
/// as EKF2 keeps on its three delta-velocity bias states (<see cref="UavEkfParameters.AccelBiasMinSigmaMps2"/>, 0.0224 m/s²:
/// 5e-8 (m/s)² per 10 ms step; opt-in, see the parameter for the SITL yaw NEES it moved). Without it
/// the horizontal bias variance keeps shrinking in a long manoeuvring flight and the filter ends up sure of a bias
/// that a real accelerometer lets drift.
/// </summary>
public sealed class AccelBiasFloorTests(ITestOutputHelper output)
{
    private const double FloorMps2 = 0.0224;

    private static string Invariant(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);

    private sealed record FlightOutcome(double SmallestHorizontalSigmaMps2, double WorstBiasErrorOverSigma, double WorstHorizontalBiasErrorMps2, double FinalPositionErrorM);

    /// <summary>600 s of the synthetic manoeuvring flight with GNSS; σ and errors sampled after every IMU step from 60 s on.</summary>
    private static FlightOutcome LongFlight(UavEkfParameters parameters, int seed)
    {
        var sim = new SyntheticFlight(seed);
        var filter = new UavEkf(parameters);
        double smallest = double.PositiveInfinity, worstRatio = 0, worstError = 0;
        while (sim.TimeUs < 600_000_000)
        {
            sim.Step();
            sim.Feed(filter);
            if (sim.TimeUs < 60_000_000)
            {
                continue;
            }

            for (int axis = 0; axis < 2; axis++)
            {
                double sigma = Math.Sqrt(filter.Core.Variance(UavErrorIndex.AccelBias + axis));
                double error = Math.Abs(axis == 0
                    ? filter.DelayedState.AccelBiasMps2.X - sim.TrueAccelBiasMps2.X
                    : filter.DelayedState.AccelBiasMps2.Y - sim.TrueAccelBiasMps2.Y);
                smallest = Math.Min(smallest, sigma);
                worstRatio = Math.Max(worstRatio, error / sigma);
                worstError = Math.Max(worstError, error);
            }
        }

        var truth = sim.TruthInFilterFrame(filter);
        double position = Math.Sqrt(Math.Pow(truth.X - filter.State.PositionNedM.X, 2) + Math.Pow(truth.Y - filter.State.PositionNedM.Y, 2));
        return new FlightOutcome(smallest, worstRatio, worstError, position);
    }

    [Fact]
    public void Horizontal_accel_bias_sigma_never_falls_below_the_floor_over_a_600_s_flight_and_collapses_without_it()
    {
        var parameters = new UavEkfParameters { GnssDelayMs = 100, MagDeclinationRad = SyntheticFlight.DeclinationRad, AccelBiasFloorOnAllAxes = true };
        FlightOutcome floored = LongFlight(parameters, seed: 7);
        FlightOutcome free = LongFlight(parameters with { AccelBiasMinSigmaMps2 = 0 }, seed: 7);
        output.WriteLine(Invariant($"floor: smallest horizontal accel-bias σ {floored.SmallestHorizontalSigmaMps2:F5} m/s², worst error {floored.WorstHorizontalBiasErrorMps2:F4} (error/σ {floored.WorstBiasErrorOverSigma:F2}), final horizontal {floored.FinalPositionErrorM:F3} m"));
        output.WriteLine(Invariant($"no floor: smallest σ {free.SmallestHorizontalSigmaMps2:F4} m/s², worst error {free.WorstHorizontalBiasErrorMps2:F4} (error/σ {free.WorstBiasErrorOverSigma:F2}), final horizontal {free.FinalPositionErrorM:F3} m"));

        // The floor is applied in the prediction; an update between two predictions takes a sliver off it (at most 0.85 %
        // of it measured here and on the replay below, bound 1.3 %).
        Assert.InRange(floored.SmallestHorizontalSigmaMps2, FloorMps2 * 0.987, 1); // measured 0.02233 m/s²
        Assert.InRange(free.SmallestHorizontalSigmaMps2, 0, 0.0116); // measured 0.0077 m/s²: what the floor prevents
        Assert.InRange(floored.WorstBiasErrorOverSigma, 0, 1.7); // measured 1.14 (no floor 1.10)
        // The synthetic bias is constant, so the floor's freedom costs some accuracy here: worst error 0.0354 m/s² against
        // 0.0187 without it; a real accelerometer's bias drifts (iris_gps ~0.03 m/s², see VerticalChannelTests).
        Assert.InRange(floored.WorstHorizontalBiasErrorMps2, 0, 0.053); // measured 0.0354 m/s²
        Assert.InRange(floored.FinalPositionErrorM, 0, 0.07); // measured 0.047 m (no floor 0.047 m)
    }

    [SharedDataFact]
    public void On_px4_iris_gps_replay_the_accel_bias_sigma_of_every_axis_stays_at_or_above_the_floor_in_flight()
    {
        List<ReplayRecord> records = Px4ReplayCsvReader.ReadFile(SharedData.PathOf("logs", "px4_ecl", "replay_data_iris_gps.csv"));
        var filter = new UavEkf(new UavEkfParameters { AccelBiasFloorOnAllAxes = true });
        var free = new UavEkf(new UavEkfParameters { AccelBiasMinSigmaMps2 = 0 });
        long lastImuUs = -1, lastFreeImuUs = -1;
        double smallest = double.PositiveInfinity, smallestFree = double.PositiveInfinity, smallestFreeHorizontal = double.PositiveInfinity;
        foreach (ReplayRecord r in records)
        {
            Px4ReplayRunner.Feed(filter, r, ref lastImuUs);
            Px4ReplayRunner.Feed(free, r, ref lastFreeImuUs);
            if (!filter.InAir)
            {
                continue;
            }

            for (int axis = 0; axis < 3; axis++)
            {
                if (filter.Core.IsInhibited(UavErrorIndex.AccelBias + axis) || free.Core.IsInhibited(UavErrorIndex.AccelBias + axis))
                {
                    continue; // the landed flag reaches the delayed horizon one filter step later
                }

                smallest = Math.Min(smallest, Math.Sqrt(filter.Core.Variance(UavErrorIndex.AccelBias + axis)));
                smallestFree = Math.Min(smallestFree, Math.Sqrt(free.Core.Variance(UavErrorIndex.AccelBias + axis)));
                if (axis < 2)
                {
                    smallestFreeHorizontal = Math.Min(smallestFreeHorizontal, Math.Sqrt(free.Core.Variance(UavErrorIndex.AccelBias + axis)));
                }
            }
        }

        output.WriteLine(Invariant($"in flight, smallest accel-bias σ of any axis: {smallest:F5} m/s² (no floor {smallestFree:F5}, horizontal {smallestFreeHorizontal:F5})"));
        Assert.InRange(smallest, FloorMps2 * 0.987, 1); // measured 0.02221 m/s²
        // Without the floor the z axis collapses (measured 0.0063 m/s²; bound 0.0095); the horizontal axes stay at or above
        // 0.0483 on this 35 s hop either way (EKF2's published horizontal σ is 0.05): here the floor only acts on z.
        Assert.InRange(smallestFree, 0, 0.0095); // measured 0.0063 m/s²
        Assert.InRange(smallestFreeHorizontal, 0.0322, 0.0724); // measured 0.0483 m/s²; bound ×/÷1.5
    }
}
