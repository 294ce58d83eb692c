using StrategicTech.Navigation.Estimation.Uav;
using StrategicTech.Navigation.Numerics;
using Xunit.Abstractions;

namespace StrategicTech.Navigation.Tests.Estimation;

/// <summary>
/// <see cref="UavEkf.EmergencyYawResetPending"/>, which lets an estimator-failure check wait for the emergency yaw
/// reset (EKF2 tries its GSF reset before the commander judges the innovations): set only while GNSS velocity is
/// rejected in the air with the magnetometer still in use, never longer than the window, never for a GNSS position
/// fault whose velocity still fuses, and cleared by the reset.
/// </summary>
public sealed class EmergencyYawResetPendingTests(ITestOutputHelper output)
{
    private static readonly UavEkfParameters Synthetic = new() { GnssDelayMs = 100, MagDeclinationRad = SyntheticFlight.DeclinationRad };

    // The reset on GNSS velocity rejection alone: the magnetometer-disagreement path (which resets the synthetic flight's
    // rotated magnetometer at 11.7 s, before GNSS velocity is rejected) is kept out by a 3.14 rad threshold.
    private static readonly UavEkfParameters VelocityPathOnly = Synthetic with { EmergencyYawMagDisagreementRad = 3.14 };

    private sealed class PendingTrace
    {
        public double FirstPendingS { get; set; } = double.NaN;

        public double FirstResetS { get; set; } = double.NaN;

        public int StepsPendingAfterReset { get; set; }

        public double LongestRejectionWhilePendingS { get; set; }

        public double LongestRejectionS { get; set; }

        public void Observe(UavEkf filter, long timeUs)
        {
            double rejectedS = filter.Gnss.HasOrigin ? (filter.Core.TimeUs - filter.Gnss.LastVelocityFusedUs) / 1e6 : 0;
            LongestRejectionS = Math.Max(LongestRejectionS, rejectedS);
            if (filter.EmergencyYawResetTotal > 0 && double.IsNaN(FirstResetS))
            {
                FirstResetS = timeUs / 1e6;
            }

            if (!filter.EmergencyYawResetPending)
            {
                return;
            }

            LongestRejectionWhilePendingS = Math.Max(LongestRejectionWhilePendingS, rejectedS);
            if (double.IsNaN(FirstPendingS))
            {
                FirstPendingS = timeUs / 1e6;
            }

            if (filter.EmergencyYawResetTotal > 0)
            {
                StepsPendingAfterReset++;
            }
        }
    }

    private static PendingTrace Fly(SyntheticFlight sim, UavEkf filter, double untilS, Action<SyntheticFlight>? at30S = null)
    {
        var trace = new PendingTrace();
        while (sim.TimeUs < (long)(untilS * 1e6))
        {
            sim.Step();
            if (sim.TimeUs == 30_000_000)
            {
                at30S?.Invoke(sim);
            }

            sim.Feed(filter);
            trace.Observe(filter, sim.TimeUs);
        }

        return trace;
    }

    [Fact]
    public void Rotated_magnetometer_reports_the_reset_pending_while_gnss_velocity_is_rejected_and_never_after_the_reset()
    {
        const double rotationDeg = 90;
        var sim = new SyntheticFlight(seed: 21) { MagRotationRad = rotationDeg * Math.PI / 180 };
        var filter = new UavEkf(VelocityPathOnly);
        PendingTrace trace = Fly(sim, filter, 60);
        output.WriteLine($"mag rotated {rotationDeg}: pending from {trace.FirstPendingS:F2} s, reset at {trace.FirstResetS:F2} s, longest velocity rejection while pending {trace.LongestRejectionWhilePendingS:F2} s, steps pending after the reset {trace.StepsPendingAfterReset}, resets {filter.EmergencyYawResetCount}");
        // measured: pending from 28.90 s, reset at 29.90 s after 1.20 s of velocity rejection (3 resets this flight, the limit:
        // without the disagreement path, later velocity rejections reset again; none of them sets pending, the magnetometer being dropped)
        Assert.True(filter.EmergencyYawResetCount >= 1);
        Assert.True(trace.FirstPendingS < trace.FirstResetS, $"pending {trace.FirstPendingS} s, reset {trace.FirstResetS} s");
        Assert.Equal(0, trace.StepsPendingAfterReset);
        Assert.InRange(trace.LongestRejectionWhilePendingS, 0, VelocityPathOnly.EmergencyYawResetWindowS);
        Assert.False(filter.EmergencyYawResetPending);
    }

    [Fact]
    public void Gnss_position_jump_with_velocity_still_fusing_never_reports_a_pending_reset()
    {
        var sim = new SyntheticFlight(seed: 11);
        var filter = new UavEkf(Synthetic);
        PendingTrace trace = Fly(sim, filter, 45, s => s.GnssOffsetNedM = new Vector3(30, 40, 0));
        output.WriteLine($"position jump: first pending {trace.FirstPendingS:F2} s, position resets {filter.Gnss.PositionResetCount}");
        Assert.True(double.IsNaN(trace.FirstPendingS));
        Assert.Equal(1, filter.Gnss.PositionResetCount); // the jump was rejected, then reset to: a real position fault
    }

    [Fact]
    public void A_bank_that_never_converges_reports_the_reset_pending_no_longer_than_the_window()
    {
        // The bank must reach 0.01 rad (0.6 deg) to count as converged: it never does, so no reset cures the rotated
        // magnetometer and GNSS velocity stays rejected past the window: the failure must count again after it.
        UavEkfParameters neverConverged = Synthetic with { EmergencyYawMaxErrorRad = 0.01, EmergencyYawResetWindowS = 2 };
        var sim = new SyntheticFlight(seed: 21) { MagRotationRad = Math.PI };
        var filter = new UavEkf(neverConverged);
        PendingTrace trace = Fly(sim, filter, 60);
        output.WriteLine($"never converged: pending from {trace.FirstPendingS:F2} s, longest velocity rejection {trace.LongestRejectionS:F2} s, while pending {trace.LongestRejectionWhilePendingS:F2} s, resets {filter.EmergencyYawResetTotal}");
        Assert.Equal(0, filter.EmergencyYawResetTotal);
        Assert.False(double.IsNaN(trace.FirstPendingS));
        Assert.True(trace.LongestRejectionS > neverConverged.EmergencyYawResetWindowS, $"longest rejection {trace.LongestRejectionS} s");
        Assert.InRange(trace.LongestRejectionWhilePendingS, 0, neverConverged.EmergencyYawResetWindowS);
    }
}
