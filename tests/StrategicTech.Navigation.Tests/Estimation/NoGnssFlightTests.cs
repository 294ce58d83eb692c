using System.Globalization;
using StrategicTech.Navigation.Estimation.Uav;
using StrategicTech.Navigation.Numerics;
using Xunit.Abstractions;

namespace StrategicTech.Navigation.Tests.Estimation;

/// <summary>
/// Issue #11: the synthetic manoeuvring flight without GNSS (magnetometer and barometer only). Nothing observes the
/// horizontal velocity in the air, so its σ must grow; what must not happen is a tilt that runs away at a small stated
/// σ. It did, on every seed, when the ground hold before take-off used the in-air 10 m noise: the filter lifted off with
/// tilt 1σ 8.8° (the 0.1 rad/s gyro-bias prior integrating unlevelled), and the heading fusion in the first seconds of
/// flight then corrupted the gyro bias (3.9 °/s wrong 2 s after take-off) and tilt (30° at a stated 10°, then 66–84°
/// at a stated 1.1–2.3°); seeds 3 and 7 of the baro-step test diverged by kilometres from that, not from the step.
/// </summary>
public sealed class NoGnssFlightTests(ITestOutputHelper output)
{
    private static double TiltDeg(Quaternion a, Quaternion b) =>
        Math.Acos(Math.Clamp(Vector3.Dot(a.RotateInverse(Vector3.UnitZ), b.RotateInverse(Vector3.UnitZ)), -1, 1)) * 180 / Math.PI;

    private static string Invariant(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);

    private sealed record Outcome(double TiltSigmaAtTakeOffDeg, double WorstTiltDeg, double WorstTiltOverSigma, double WorstHorizontalVelocityOverSigma);

    /// <summary>Flies to <paramref name="endS"/> without GNSS; worst figures over the flight from take-off (8 s).</summary>
    private static Outcome Fly(UavEkfParameters parameters, int seed, double endS)
    {
        var sim = new SyntheticFlight(seed) { GnssAvailable = false };
        var filter = new UavEkf(parameters);
        double sigmaAtTakeOff = 0, worstTilt = 0, worstTiltRatio = 0, worstVelocityRatio = 0;
        while (sim.TimeUs < (long)(endS * 1e6))
        {
            sim.Step();
            sim.Feed(filter);
            double tiltSigmaDeg = Math.Sqrt(filter.Core.Variance(UavErrorIndex.Attitude) + filter.Core.Variance(UavErrorIndex.Attitude + 1)) * 180 / Math.PI;
            if (sim.TimeUs == 8_000_000)
            {
                sigmaAtTakeOff = tiltSigmaDeg;
            }

            if (!sim.InAir)
            {
                continue;
            }

            double tilt = TiltDeg(filter.State.Attitude, sim.TrueAttitude);
            Vector3 v = filter.State.VelocityNedMps - sim.TrueVelocityNedMps;
            double velocitySigma = Math.Sqrt(filter.Core.Variance(UavErrorIndex.Velocity) + filter.Core.Variance(UavErrorIndex.Velocity + 1));
            worstTilt = Math.Max(worstTilt, tilt);
            worstTiltRatio = Math.Max(worstTiltRatio, tilt / tiltSigmaDeg);
            worstVelocityRatio = Math.Max(worstVelocityRatio, Math.Sqrt((v.X * v.X) + (v.Y * v.Y)) / velocitySigma);
        }

        return new Outcome(sigmaAtTakeOff, worstTilt, worstTiltRatio, worstVelocityRatio);
    }

    [Theory]
    [InlineData(3)]
    [InlineData(5)]
    [InlineData(7)]
    public void Ground_hold_levels_the_filter_before_take_off_and_the_first_20_s_of_unaided_flight_keep_tilt_within_its_sigma(int seed)
    {
        var parameters = new UavEkfParameters { MagDeclinationRad = SyntheticFlight.DeclinationRad };
        Outcome held = Fly(parameters, seed, 28);
        Outcome loose = Fly(parameters with { NoAidPositionNoiseM = 10 }, seed, 28);
        output.WriteLine(Invariant($"seed {seed}, ground hold 0.5 m: tilt σ at take-off {held.TiltSigmaAtTakeOffDeg:F2}°, worst tilt {held.WorstTiltDeg:F2}°, worst tilt/σ {held.WorstTiltOverSigma:F2}, worst horizontal velocity error/σ {held.WorstHorizontalVelocityOverSigma:F2}"));
        output.WriteLine(Invariant($"seed {seed}, ground hold 10 m (the former default): tilt σ at take-off {loose.TiltSigmaAtTakeOffDeg:F2}°, worst tilt {loose.WorstTiltDeg:F2}°, worst tilt/σ {loose.WorstTiltOverSigma:F2}, worst horizontal velocity error/σ {loose.WorstHorizontalVelocityOverSigma:F2}"));
        Assert.InRange(held.TiltSigmaAtTakeOffDeg, 0, 2.4); // measured 1.57-1.58° (10 m hold: 12.36-12.39°)
        Assert.InRange(held.WorstTiltDeg, 0, 2.7); // measured 1.81 / 1.09 / 0.86° (seeds 3 / 5 / 7)
        Assert.InRange(held.WorstTiltOverSigma, 0, 0.57); // measured 0.38 / 0.32 / 0.18
        Assert.InRange(held.WorstHorizontalVelocityOverSigma, 0, 0.47); // measured 0.31 / 0.19 / 0.20: the growing σ covers the drift
        // What the 0.5 m hold fixed (measured worst tilt 136.8 / 103.5 / 163.1° at 62 / 32 / 98 σ).
        Assert.True(loose.WorstTiltDeg > 40 && loose.WorstTiltOverSigma > 10, Invariant($"{loose.WorstTiltDeg:F1}° at {loose.WorstTiltOverSigma:F1} σ"));
    }
}
