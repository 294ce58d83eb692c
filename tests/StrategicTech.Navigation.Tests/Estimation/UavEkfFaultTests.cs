using StrategicTech.Navigation.Estimation.Uav;
using StrategicTech.Navigation.Numerics;
using Xunit.Abstractions;

namespace StrategicTech.Navigation.Tests.Estimation;

public sealed class UavEkfFaultTests(ITestOutputHelper output)
{
    private static readonly UavEkfParameters SyntheticParameters = new() { GnssDelayMs = 100, MagDeclinationRad = SyntheticFlight.DeclinationRad };

    private static double HorizontalError(SyntheticFlight sim, UavEkf filter)
    {
        Vector3 truth = sim.TruthInFilterFrame(filter);
        Vector3 est = filter.State.PositionNedM;
        return Math.Sqrt(((truth.X - est.X) * (truth.X - est.X)) + ((truth.Y - est.Y) * (truth.Y - est.Y)));
    }

    private static double YawErrorDeg(SyntheticFlight sim, UavEkf filter) =>
        Math.Abs(Math.IEEERemainder(filter.State.Attitude.ToEuler().Z - sim.TrueAttitude.ToEuler().Z, 2 * Math.PI)) * 180 / Math.PI;

    private static void RunUntil(SyntheticFlight sim, UavEkf filter, double timeS, Action? perStep = null)
    {
        while (sim.TimeUs < (long)(timeS * 1e6))
        {
            sim.Step();
            sim.Feed(filter);
            perStep?.Invoke();
        }
    }

    [Fact]
    public void Gnss_jump_of_50_m_for_5_s_is_rejected_and_estimate_stays_within_0_4_m()
    {
        // Shorter than the 7 s reset timeout: a jump that persists longer is believed (UavEkfResetTests).
        var sim = new SyntheticFlight(seed: 11);
        var filter = new UavEkf(SyntheticParameters);
        RunUntil(sim, filter, 30);
        output.WriteLine($"before jump: flags {filter.Flags}, rejected {filter.Gnss.RejectedCount}, vel ratio {filter.Gnss.VelocityTestRatio:F2}, pos ratio {filter.Gnss.PositionTestRatio:F2}, checks {filter.Gnss.Checks.Failures}, error {HorizontalError(sim, filter):F2}");
        Assert.True(filter.Flags.HasFlag(UavEkfFlags.GnssFusing));
        int rejectedBefore = filter.Gnss.RejectedCount;
        double worst = 0;
        sim.GnssOffsetNedM = new Vector3(30, 40, 0);
        RunUntil(sim, filter, 35, () => worst = Math.Max(worst, HorizontalError(sim, filter)));
        sim.GnssOffsetNedM = Vector3.Zero;
        RunUntil(sim, filter, 40, () => worst = Math.Max(worst, HorizontalError(sim, filter)));
        output.WriteLine($"worst horizontal error {worst:F3} m, GNSS samples rejected {filter.Gnss.RejectedCount - rejectedBefore}, resets {filter.Gnss.ResetCount} + position {filter.Gnss.PositionResetCount}");
        Assert.Equal(25, filter.Gnss.RejectedCount - rejectedBefore); // every jumped fix is rejected
        Assert.InRange(worst, 0, 0.4); // measured 0.262 m; bound 0.4 m
        Assert.Equal(1, filter.Gnss.ResetCount);
        Assert.Equal(0, filter.Gnss.PositionResetCount);
        Assert.InRange(HorizontalError(sim, filter), 0, 0.44); // measured 0.294 m with the 10 s jump before position resets; bound 0.44 m
    }

    [Fact]
    public void Gnss_loss_for_30_s_raises_dead_reckoning_error_grows_without_divergence_and_the_return_fires_no_emergency_yaw_reset()
    {
        var sim = new SyntheticFlight(seed: 12);
        var filter = new UavEkf(SyntheticParameters);
        RunUntil(sim, filter, 30);
        double errorBefore = HorizontalError(sim, filter);
        double sigmaBefore = Math.Sqrt(filter.Core.Variance(UavErrorIndex.Position));
        sim.GnssAvailable = false;
        RunUntil(sim, filter, 32);
        Assert.True(filter.Flags.HasFlag(UavEkfFlags.DeadReckoning));
        Assert.False(filter.Flags.HasFlag(UavEkfFlags.GnssFusing));
        double worstNormalised = 0;
        RunUntil(sim, filter, 60, () =>
        {
            double sigma = Math.Sqrt(filter.Core.Variance(UavErrorIndex.Position) + filter.Core.Variance(UavErrorIndex.Position + 1));
            worstNormalised = Math.Max(worstNormalised, HorizontalError(sim, filter) / sigma);
        });
        double errorAfter = HorizontalError(sim, filter);
        double sigmaAfter = Math.Sqrt(filter.Core.Variance(UavErrorIndex.Position));
        output.WriteLine($"error {errorBefore:F2} m -> {errorAfter:F2} m, sigma {sigmaBefore:F2} -> {sigmaAfter:F2} m, worst error/sigma {worstNormalised:F2}");
        Assert.True(filter.Flags.HasFlag(UavEkfFlags.DeadReckoning));
        Assert.True(sigmaAfter > 85 * sigmaBefore, "position uncertainty must grow while dead reckoning"); // measured 0.19 -> 25.0 m (x132); bound x85
        Assert.InRange(errorAfter, 0, 31); // measured 20.7 m after 30 s without GNSS; bound 31 m
        Assert.InRange(worstNormalised, 0, 1.1); // measured 0.73 sigma; bound 1.1
        sim.GnssAvailable = true;
        double earlyDisagreementDeg = 0, settledDisagreementDeg = 0, worstGsfRatio = 0;
        long restartUs = -1;
        long settlingUs = (long)(filter.Parameters.EmergencyYawRestartSettlingS * 1e6);
        RunUntil(sim, filter, 75, () =>
        {
            EmergencyYawEstimator gsf = filter.EmergencyYaw;
            restartUs = restartUs < 0 && gsf.IsActive ? sim.TimeUs : restartUs;
            if (sim.HasGnss && gsf.IsActive && gsf.FusedCount >= 5)
            {
                double trueYaw = sim.TrueAttitude.ToEuler().Z;
                worstGsfRatio = Math.Max(worstGsfRatio, Math.Abs(Math.IEEERemainder(gsf.YawRad - trueYaw, 2 * Math.PI)) / Math.Sqrt(gsf.YawVarianceRad2));
                if (gsf.IsConverged(filter.Parameters.EmergencyYawMaxErrorRad))
                {
                    double d = Math.Abs(Math.IEEERemainder(gsf.YawRad - filter.State.Attitude.ToEuler().Z, 2 * Math.PI)) * 180 / Math.PI;
                    if (sim.TimeUs - restartUs < settlingUs)
                    {
                        earlyDisagreementDeg = Math.Max(earlyDisagreementDeg, d);
                    }
                    else
                    {
                        settledDisagreementDeg = Math.Max(settledDisagreementDeg, d);
                    }
                }
            }
        });
        output.WriteLine($"after GNSS returns: error {HorizontalError(sim, filter):F2} m, emergency yaw resets {filter.EmergencyYawResetTotal}, flags {filter.Flags}; bank restarted at {restartUs / 1e6:F1} s: worst |err|/sigma {worstGsfRatio:F2}, worst converged disagreement with the filter's yaw {earlyDisagreementDeg:F1} deg in the settling time, {settledDisagreementDeg:F1} deg after");
        Assert.False(filter.Flags.HasFlag(UavEkfFlags.DeadReckoning));
        // A GNSS outage with a correct compass is no yaw failure: no emergency yaw reset during it or on the return (the
        // return is a position/velocity reset). Before, velocity unfused for the 30 s counted as rejected (in SITL, whose
        // loss sends no-fix samples, the reset fired 1 s into the loss and dropped the compass). Now velocity rejection
        // counts only while GNSS is tested and the yaw is 25 deg off the bank, and the bank, restarted after the outage
        // (as EKF2's), may reset only 10 s after it restarts. Before the suspended bank carried its tilt on the gyros it
        // converged 39 deg off the truth at a stated 7.4 deg by 67.7 s and only that wait kept it from resetting yaw
        // (30.7 deg from the compass at 70.0 s against the 30 deg threshold). This seed is still one where the restarted
        // bank is overconfident (|err|/sigma up to 4.42; 2 of the 8 seeds of EmergencyYawRestartTests behave so): it
        // converges about 30 deg off (30.9 deg from the compass-led yaw inside the settling time) and walks to the truth
        // slowly; after the settling time it stays under the 25 deg reset threshold, but with a margin of only 1.24x.
        Assert.Equal(0, filter.EmergencyYawResetTotal);
        Assert.InRange(settledDisagreementDeg, 0, filter.Parameters.EmergencyYawFailureRad * 180 / Math.PI); // measured 20.2 deg after settling; bound the 25 deg threshold (1.24x, short of the 1.5x wanted)
        Assert.False(filter.Flags.HasFlag(UavEkfFlags.MagFault));
        Assert.InRange(HorizontalError(sim, filter), 0, 0.26); // measured 0.17 m; bound 0.26 m
    }

    [Fact]
    public void Magnetic_disturbance_stops_mag_fusion_and_yaw_coasts_on_gyros()
    {
        var sim = new SyntheticFlight(seed: 13);
        var filter = new UavEkf(SyntheticParameters);
        RunUntil(sim, filter, 20);
        sim.MagDisturbanceBodyGauss = new Vector3(0.4, -0.3, 0.1);
        RunUntil(sim, filter, 22);
        Assert.True(filter.Flags.HasFlag(UavEkfFlags.MagDisturbed));
        double worstYaw = 0;
        RunUntil(sim, filter, 30, () => worstYaw = Math.Max(worstYaw, YawErrorDeg(sim, filter)));
        Assert.True(filter.Flags.HasFlag(UavEkfFlags.MagDisturbed));
        sim.MagDisturbanceBodyGauss = Vector3.Zero;
        RunUntil(sim, filter, 35);
        output.WriteLine($"worst yaw error while disturbed {worstYaw:F2} deg, final {YawErrorDeg(sim, filter):F2} deg, flags {filter.Flags}");
        Assert.False(filter.Flags.HasFlag(UavEkfFlags.MagDisturbed));
        Assert.True(filter.Flags.HasFlag(UavEkfFlags.MagFusing));
        Assert.InRange(worstYaw, 0, 1.3); // measured 0.864°; bound 1.3°
        Assert.Equal(1, filter.MagMonitor.DisturbanceCount);
    }

    [Fact]
    public void Yaw_is_reset_to_the_magnetometer_after_aligning_on_a_magnetic_anomaly()
    {
        var sim = new SyntheticFlight(seed: 14);
        var filter = new UavEkf(SyntheticParameters);

        // A disturbance of about the same strength rotated 60 deg: alignment takes the wrong heading.
        Vector3 clean = sim.TrueAttitude.RotateInverse(SyntheticFlight.EarthFieldNedGauss);
        Vector3 rotated = Quaternion.FromAxisAngle(Vector3.UnitZ, 60 * Math.PI / 180).Rotate(clean);
        sim.MagDisturbanceBodyGauss = rotated - clean;
        RunUntil(sim, filter, 2);
        // Measured 61.11° for the 60° anomaly; bound 60° − 0.75° .. 60° + 1.5 × 1.11°. With the former 10 m ground hold
        // 60.74°: the 0.5 m hold levels the tilt onto the accelerometer's within the 2 s and the tilt-compensated heading
        // follows it (its tilt sensitivity is about tan(inclination 63°) = 2).
        Assert.InRange(YawErrorDeg(sim, filter), 59.25, 61.67);
        sim.MagDisturbanceBodyGauss = Vector3.Zero;
        RunUntil(sim, filter, 10);
        output.WriteLine($"yaw resets {filter.YawResetCount}, final yaw error {YawErrorDeg(sim, filter):F2} deg");
        Assert.Equal(1, filter.YawResetCount); // measured 1 (was >= 1)
        Assert.InRange(YawErrorDeg(sim, filter), 0, 0.9); // measured 0.81° (0.601° with the former 10 m ground hold; 0.330° in the former declination-0 field); bound 0.9°
    }

    [Fact]
    public void Non_finite_and_out_of_order_samples_are_rejected_counted_and_leave_the_state_untouched()
    {
        var sim = new SyntheticFlight(seed: 15);
        var filter = new UavEkf(SyntheticParameters);
        RunUntil(sim, filter, 10);
        UavState delayed = filter.DelayedState;
        UavState current = filter.State;
        double[] covariance = filter.Core.Covariance.ToArray();
        long t = sim.TimeUs;
        Assert.False(filter.PushImu(new ImuSample(t + 4000, new Vector3(double.NaN, 0, 0), Vector3.Zero, 0.004)));
        Assert.False(filter.PushImu(new ImuSample(t + 4000, Vector3.Zero, new Vector3(0, double.PositiveInfinity, 0), 0.004)));
        Assert.False(filter.PushImu(new ImuSample(t - 4000, Vector3.Zero, Vector3.Zero, 0.004)));
        Assert.False(filter.PushImu(new ImuSample(t, Vector3.Zero, Vector3.Zero, 0.004)));
        Assert.False(filter.PushBaro(new BaroSample(t + 4000, double.NaN)));
        Assert.False(filter.PushMag(new MagSample(t + 4000, new Vector3(double.NegativeInfinity, 0, 0))));
        Assert.False(filter.PushGnss(sim.Gnss with { VelocityNedMps = new Vector3(0, double.NaN, 0) }));
        Assert.False(filter.PushBaro(new BaroSample(0, 480)));
        Assert.False(filter.PushRange(new RangeSample(t, double.NaN)));
        Assert.Equal(6, filter.RejectedNonFiniteCount);
        Assert.Equal(3, filter.RejectedOutOfOrderCount);
        Assert.Equal(delayed, filter.DelayedState);
        Assert.Equal(current, filter.State);
        Assert.Equal(covariance, filter.Core.Covariance.ToArray());
    }
}
