using StrategicTech.Navigation.Estimation.Uav;
using StrategicTech.Navigation.Numerics;
using Xunit.Abstractions;

namespace StrategicTech.Navigation.Tests.Estimation;

/// <summary>
/// PX4-style resets per source with counters, and flags derived from what was actually fused: GNSS position rejected
/// alone is reset after the reset timeout (velocity still fusing), barometric height rejected past its timeout is
/// reset to the barometer, and the GNSS-fusing and baro-fusing flags drop while their source is rejected.
/// </summary>
public sealed class UavEkfResetTests(ITestOutputHelper output)
{
    private static readonly UavEkfParameters SyntheticParameters = new() { GnssDelayMs = 100, MagDeclinationRad = SyntheticFlight.DeclinationRad };

    // The rotated-magnetometer case measures the GNSS resets alone, without the emergency yaw estimator (on by default).
    private static readonly UavEkfParameters WithoutEmergencyYaw = SyntheticParameters with { UseEmergencyYawEstimator = false };

    private static double HorizontalDistance(Vector3 a, Vector3 b) => Math.Sqrt(((a.X - b.X) * (a.X - b.X)) + ((a.Y - b.Y) * (a.Y - b.Y)));

    private static void RunUntil(SyntheticFlight sim, UavEkf filter, double timeS, Action? perStep = null, Func<BaroSample, BaroSample>? baro = null)
    {
        while (sim.TimeUs < (long)(timeS * 1e6))
        {
            sim.Step();
            filter.SetInAir(sim.InAir);
            filter.PushImu(sim.Imu);
            if (sim.HasMag)
            {
                filter.PushMag(sim.Mag);
            }

            if (sim.HasBaro)
            {
                filter.PushBaro(baro is null ? sim.Baro : baro(sim.Baro));
            }

            if (sim.HasGnss)
            {
                filter.PushGnss(sim.Gnss);
            }

            perStep?.Invoke();
        }
    }

    [Fact]
    public void Gnss_position_rejected_alone_drops_the_fusing_flag_and_is_reset_once_after_the_7_s_timeout()
    {
        var sim = new SyntheticFlight(seed: 11);
        var filter = new UavEkf(SyntheticParameters);
        RunUntil(sim, filter, 30);
        Assert.True(filter.Flags.HasFlag(UavEkfFlags.GnssFusing));

        // A persistent 50 m GNSS position offset (velocity unaffected): rejected at first, then believed.
        sim.GnssOffsetNedM = new Vector3(30, 40, 0);
        RunUntil(sim, filter, 33);
        UavEkfFlags during = filter.Flags;
        Assert.False(during.HasFlag(UavEkfFlags.GnssFusing));
        Assert.False(during.HasFlag(UavEkfFlags.DeadReckoning));
        Assert.Equal(0, filter.Gnss.PositionResetCount);

        long resetAtUs = -1;
        RunUntil(sim, filter, 45, () =>
        {
            if (resetAtUs < 0 && filter.Gnss.PositionResetCount > 0)
            {
                resetAtUs = sim.TimeUs;
            }
        });
        Vector3 offsetTruth = sim.TruthInFilterFrame(filter) + sim.GnssOffsetNedM;
        double error = HorizontalDistance(offsetTruth, filter.State.PositionNedM);
        output.WriteLine($"position reset at {resetAtUs / 1e6:F2} s, resets: full {filter.Gnss.ResetCount} position {filter.Gnss.PositionResetCount} velocity {filter.Gnss.VelocityResetCount}; error to the offset GNSS {error:F3} m; flags {filter.Flags}");
        Assert.Equal(1, filter.Gnss.PositionResetCount);
        Assert.Equal(0, filter.Gnss.VelocityResetCount);
        Assert.Equal(1, filter.Gnss.ResetCount); // the origin only

        // Timeout 7 s after the last fused fix, plus the 100 ms GNSS delay and up to one 200 ms fix interval.
        Assert.InRange(resetAtUs, 37_000_000, 37_400_000);
        Assert.True(filter.Flags.HasFlag(UavEkfFlags.GnssFusing));
        Assert.InRange(error, 0, 0.4); // measured 0.268 m (reset at 37.30 s); bound 0.4 m
    }

    [Fact]
    public void Rotated_magnetometer_without_the_emergency_estimator_no_longer_rejects_gnss_position_past_the_timeout()
    {
        // The 11 s case: with the magnetometer rotated 90 deg and the emergency yaw estimator off, yaw is wrong, GNSS
        // velocity still fuses (and slowly pulls yaw), but position was rejected for about 11 s before any reset.
        var sim = new SyntheticFlight(seed: 21) { MagRotationRad = Math.PI / 2 };
        var filter = new UavEkf(WithoutEmergencyYaw);
        long lastPositionFusedUs = 0, longestGapUs = 0;
        RunUntil(sim, filter, 60, () =>
        {
            if (filter.Gnss.HasOrigin)
            {
                lastPositionFusedUs = Math.Max(lastPositionFusedUs, filter.Gnss.LastPositionFusedUs);
                longestGapUs = Math.Max(longestGapUs, filter.Core.TimeUs - lastPositionFusedUs);
            }
        });
        Vector3 truth = sim.TruthInFilterFrame(filter);
        double horizontal = HorizontalDistance(truth, filter.State.PositionNedM);
        double down = Math.Abs(truth.Z - filter.State.PositionNedM.Z);
        output.WriteLine($"longest position gap {longestGapUs / 1e6:F2} s, position resets {filter.Gnss.PositionResetCount}, full {filter.Gnss.ResetCount}, velocity {filter.Gnss.VelocityResetCount}; final horizontal {horizontal:F2} m, down {down:F3} m; flags {filter.Flags}");
        // Default filter, measured: longest gap 7.20 s (the 7 s timeout plus the fix interval), 3 position-only and 3
        // velocity-only resets, final horizontal 21.40 m and down 0.760 m; bounds 7.3 s, 32 m, 0.91 m. The final position
        // moved with the 0.5 m ground hold (4.80 m and 0.607 m with the former 10 m): the filter now lifts off levelled
        // (tilt 1 sigma 1.6 instead of 12.4 deg), so the 90 deg heading error's GNSS velocity innovations can no longer be
        // absorbed by a loose tilt and go into position and the horizontal accel biases; with the emergency yaw estimator
        // (the default) the same hold improves the outcome (EmergencyYawTests: 180 deg 8.26 to 3.49 deg). The emergency
        // reset's bias restart cannot act here (estimator off); the figures moved with the accel-z bias variance floor
        // (floor off: 2.95 m and 2.183 m, 3 and 2 resets); what the test asserts, the position gap bounded by the reset
        // timeout, is the same 7.20 s either way.
        Assert.InRange(longestGapUs, 0, 7_300_000);
        Assert.True(filter.Gnss.PositionResetCount >= 1);
        Assert.InRange(horizontal, 0, 32);
        Assert.InRange(down, 0, 0.91);
    }

    [Theory]
    [InlineData(3)]
    [InlineData(5)]
    [InlineData(7)]
    public void Baro_rejected_past_its_timeout_resets_height_to_the_barometer_and_fusion_resumes(int seed)
    {
        RunBaroStep(new UavEkfParameters { MagDeclinationRad = SyntheticFlight.DeclinationRad }, seed, out UavEkf filter, out double downErrorToBaroM, out bool fusingDuring);
        output.WriteLine($"seed {seed}: baro resets {filter.Baro.ResetCount}, rejected {filter.Baro.RejectedCount}, final down error to the barometer {downErrorToBaroM:F3} m, flags {filter.Flags}");
        Assert.False(fusingDuring);
        Assert.Equal(1, filter.Baro.ResetCount);
        Assert.True(filter.Flags.HasFlag(UavEkfFlags.BaroFusing));
        // Measured 0.052 / 0.188 / 0.043 m (seeds 3 / 5 / 7); bound 0.28 m. Before the 0.5 m ground hold seed 5 gave 0.236 m
        // and seeds 3 and 7 over 2 km: the filter lifted off unlevelled and flew with its tilt 66-175° wrong (NoGnssFlightTests).
        Assert.InRange(downErrorToBaroM, 0, 0.28);
    }

    [Fact]
    public void Without_the_height_reset_the_same_baro_step_stays_rejected_and_the_height_diverges()
    {
        RunBaroStep(new UavEkfParameters { MagDeclinationRad = SyntheticFlight.DeclinationRad, HeightResetTimeoutS = 120 }, 5, out UavEkf filter, out double downErrorToBaroM, out _);
        output.WriteLine($"baro resets {filter.Baro.ResetCount}, rejected {filter.Baro.RejectedCount}, final down error to the barometer {downErrorToBaroM:F3} m, flags {filter.Flags}");
        Assert.Equal(0, filter.Baro.ResetCount);
        Assert.False(filter.Flags.HasFlag(UavEkfFlags.BaroFusing));

        // Nothing holds the height once the barometer is out of the gate: measured 1 132 m off after 30 s (4 026 m before
        // the 0.5 m ground hold; the replay ended +294 m); what the reset prevents. Bound 750 m (1.5x below). This
        // flight has no GNSS: from ~35 s its tilt drifts beyond its stated sigma (see docs/ARCHITECTURE.md), which the
        // unaided vertical channel integrates.
        Assert.True(downErrorToBaroM > 750, $"{downErrorToBaroM}");
    }

    /// <summary>No GNSS; at 30 s the barometer's datum steps up 40 m (a barometer switch) and stays; run to 60 s.</summary>
    private static void RunBaroStep(UavEkfParameters parameters, int seed, out UavEkf filter, out double downErrorToBaroM, out bool fusingDuring)
    {
        var sim = new SyntheticFlight(seed) { GnssAvailable = false };
        var ekf = new UavEkf(parameters);
        RunUntil(sim, ekf, 30);
        Assert.True(ekf.Flags.HasFlag(UavEkfFlags.BaroFusing));
        RunUntil(sim, ekf, 33, baro: b => b with { AltitudeM = b.AltitudeM + 40 });
        fusingDuring = ekf.Flags.HasFlag(UavEkfFlags.BaroFusing);
        RunUntil(sim, ekf, 60, baro: b => b with { AltitudeM = b.AltitudeM + 40 });

        // The barometer's indicated down position in the filter's frame: truth lifted by the step.
        double baroDown = sim.TruePositionNedM.Z - 40 - (SyntheticFlight.BaroDatumM - ekf.Baro.OffsetM);
        downErrorToBaroM = Math.Abs(ekf.State.PositionNedM.Z - baroDown);
        filter = ekf;
    }
}
