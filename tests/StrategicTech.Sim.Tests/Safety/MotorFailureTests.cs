using StrategicTech.Autopilot.Flight;
using StrategicTech.Navigation.Geodesy;
using StrategicTech.Navigation.Numerics;
using StrategicTech.Sim.Faults;
using StrategicTech.Sim.Lockstep;
using StrategicTech.Sim.Physics;
using StrategicTech.Sim.Tests.Sitl;
using Xunit.Abstractions;

namespace StrategicTech.Sim.Tests.Safety;

/// <summary>
/// The motor-failure detector (torque residual from the motor commands and the gyro) in SITL: a failed motor is named
/// and the ladder acts; a hex drops the motor and lands on five; healthy vehicles in gusty wind and hard manoeuvres
/// raise nothing. Judged on the physics' truth.
/// </summary>
public sealed class MotorFailureTests(ITestOutputHelper output)
{
    private static readonly GeodeticPosition Origin = GeodeticPosition.FromDegrees(47.397742, 8.545594, 488);

    /// <summary>Steady 6 m/s from the west, 1.5 m/s turbulence, gusts to 5 m/s about every 8 s.</summary>
    private static readonly WindParameters Gusty = WindParameters.FromDirection(6, 1.5 * Math.PI) with
    {
        TurbulenceStdDevNedMps = new Vector3(1.5, 1.5, 0.5),
        TurbulenceCorrelationTimeS = 2,
        GustMaxMps = 5,
        GustMeanIntervalS = 8,
        GustDurationS = 2,
    };

    private static double LossBound(string airframe) => airframe == "quad_x" ? 0.045 : 0.1;

    private static SitlVehicle Hovering(string airframe, double heightM, FaultSchedule faults, WindParameters? wind = null, ulong seed = 1)
    {
        var environment = new SimulationEnvironment(Origin, 0.0, wind ?? WindParameters.Calm, MagneticFieldParameters.Default, seed);
        var v = new SitlVehicle(AirframeLoader.LoadBuiltIn(airframe), environment, seed, faults);
        Assert.True(v.StepUntil(x => x.ReadyToArm, 30_000_000));
        Assert.Equal(CommandOutcome.Accepted, v.Commands.Takeoff(heightM));
        Assert.True(v.StepUntil(x => x.Navigator.State == AutoState.Hold, 40_000_000), "takeoff did not finish");
        return v;
    }

    private static void GoToNed(SitlVehicle v, double northM, double eastM, double heightM, double speedMps)
    {
        GeodeticPosition p = v.Physics.HomeFrame.FromNed(new Vector3(northM, eastM, 0));
        Assert.Equal(CommandOutcome.Accepted, v.Commands.GoTo(p.LatitudeDeg, p.LongitudeDeg, heightM, speedMps));
    }

    private static double TiltDeg(in VehicleTruth t)
    {
        Quaternion q = t.Attitude;
        double cosTilt = 1 - (2 * ((q.X * q.X) + (q.Y * q.Y)));
        return Math.Acos(Math.Clamp(cosTilt, -1, 1)) * 180 / Math.PI;
    }

    [Fact]
    public void Hex_with_a_dead_motor_names_it_drops_it_from_the_allocation_and_lands_upright_near_where_it_failed()
    {
        const long failUs = 60_000_000;
        SitlVehicle v = Hovering("hex_x", 20, new FaultSchedule([Fault.MotorFailure(failUs, Fault.Permanent, 2, 0)]));
        v.StepFor(failUs - v.Clock.TimeUs);
        Vector3 failedAt = v.Truth.PositionNedM;
        double maxTiltDeg = 0, maxDropM = 0, touchdownSpeedMps = double.NaN;
        while (!v.Truth.Landed && v.Clock.TimeUs < failUs + 60_000_000)
        {
            v.Step();
            maxTiltDeg = Math.Max(maxTiltDeg, TiltDeg(in v.Truth));
            if (v.Clock.TimeUs < failUs + 5_000_000)
            {
                maxDropM = Math.Max(maxDropM, v.Truth.PositionNedM.Z - failedAt.Z);
            }

            if (!v.Truth.Landed)
            {
                touchdownSpeedMps = v.Truth.VelocityNedMps.Length;
            }
        }

        double detectedS = (v.Vehicle.MotorFailures.DetectedAtUs - failUs) / 1e6;
        double offsetM = SitlFixtures.Horizontal(v.Truth.PositionNedM - failedAt);
        output.WriteLine($"detected motor {v.Vehicle.MotorFailures.FailedMotor + 1} after {detectedS:F3} s; allocator dropped {v.Cascade.Allocator.FailedMotor + 1}, yaw only {v.Cascade.Allocator.YawOnlyMotor + 1}; " +
            $"max tilt {maxTiltDeg:F1}°, drop in 5 s {maxDropM:F2} m, touchdown {touchdownSpeedMps:F2} m/s, {offsetM:F2} m from the failure point, crashed {v.Truth.Crashed}; mode {v.Commands.Status.Mode}");
        Assert.Equal(2, v.Vehicle.MotorFailures.FailedMotor);
        Assert.Equal(2, v.Cascade.Allocator.FailedMotor);
        Assert.Equal(FailsafeKind.MotorFailure, v.Commands.Status.LastFailsafe);
        Assert.Contains("Motor 3 failure: thrust lost, allocating without it", SitlFixtures.Texts(v));
        Assert.True(v.Truth.Landed && !v.Truth.Crashed, $"landed {v.Truth.Landed}, crashed {v.Truth.Crashed}");
        Assert.Equal(3, v.Cascade.Allocator.YawOnlyMotor);   // the opposite of motor 3 only yaws
        Assert.True(detectedS < 0.55, $"{detectedS:F3} s"); // measured 0.362 s; bound 0.55 s
        Assert.True(maxTiltDeg < 50, $"{maxTiltDeg:F1}°"); // measured 35.5°; bound 50°
        Assert.True(maxDropM < 5.3, $"{maxDropM:F2} m"); // measured 3.55 m in the 5 s after the failure (20 m without the reallocation); bound 5.3 m
        Assert.True(touchdownSpeedMps < 0.45, $"{touchdownSpeedMps:F2} m/s"); // measured 0.30 m/s; bound 0.45 m/s
        Assert.True(offsetM < 0.1, $"{offsetM:F2} m"); // measured 0.06 m from the point of failure; bound 0.1 m
    }

    [Fact]
    public void Quad_with_a_motor_at_80_percent_in_fast_forward_flight_is_warned_about_and_lands()
    {
        SitlVehicle v = Hovering("quad_x", 15, new FaultSchedule([]));
        GoToNed(v, 600, 0, 15, 10);
        v.StepFor(20_000_000);
        long failUs = v.Clock.TimeUs;
        v.Faults.Inject(Fault.MotorFailure(failUs, Fault.Permanent, 0, 0.8));
        double speedAtFailure = SitlFixtures.Horizontal(v.Truth.VelocityNedMps);
        Assert.True(v.StepUntil(x => x.Vehicle.MotorFailures.Failed, 10_000_000), $"not detected; suspect {v.Vehicle.MotorFailures.SuspectMotor}, loss {v.Vehicle.MotorFailures.SuspectLossFraction:F3}");
        double detectedS = (v.Vehicle.MotorFailures.DetectedAtUs - failUs) / 1e6;
        double heightAtDetection = v.Truth.HeightAboveGroundM;
        Assert.True(v.StepUntil(x => x.Truth.Landed, 60_000_000), "did not land");
        output.WriteLine($"speed at failure {speedAtFailure:F1} m/s; detected motor {v.Vehicle.MotorFailures.FailedMotor + 1} after {detectedS:F3} s at {heightAtDetection:F2} m; mode {v.Commands.Status.Mode}, crashed {v.Truth.Crashed}");
        Assert.Equal(0, v.Vehicle.MotorFailures.FailedMotor);
        Assert.Equal(-1, v.Cascade.Allocator.FailedMotor);  // a quad cannot fly without it: the ladder lands instead
        Assert.Equal(FailsafeKind.MotorFailure, v.Commands.Status.LastFailsafe);
        Assert.Contains("Motor 1 failure: thrust lost", SitlFixtures.Texts(v));
        Assert.False(v.Truth.Crashed);
        Assert.True(detectedS < 0.75, $"{detectedS:F3} s"); // measured 0.502 s; bound 0.75 s
    }

    [Theory]
    [InlineData("quad_x")]
    [InlineData("hex_x")]
    public void Healthy_vehicle_in_gusty_wind_with_fast_legs_and_sharp_turns_raises_no_motor_failure(string airframe)
    {
        SitlVehicle v = Hovering(airframe, 15, FaultSchedule.Empty, Gusty, seed: 3);
        double worstLoss = 0;
        (double North, double East)[] legs = [(150, 0), (150, 150), (0, 150), (0, 0), (100, 100), (0, 0)];
        foreach ((double north, double east) in legs)
        {
            GoToNed(v, north, east, 15, 12);
            long endUs = v.Clock.TimeUs + 30_000_000;
            while (v.Clock.TimeUs < endUs)
            {
                v.Step();
                worstLoss = Math.Max(worstLoss, v.Vehicle.MotorFailures.SuspectLossFraction);
            }
        }

        output.WriteLine($"{airframe}: worst suspected loss {worstLoss:F3} (threshold 0.25); failed {v.Vehicle.MotorFailures.FailedMotor}");
        Assert.False(v.Vehicle.MotorFailures.Failed);
        Assert.True(worstLoss < LossBound(airframe), $"{worstLoss:F3}"); // measured 0.029 (quad), 0.067 (hex) against the 0.25 threshold; bounds 0.045, 0.1
        Assert.Equal(0u, v.Commands.Status.ActiveFailsafes & (1u << (int)FailsafeKind.MotorFailure));
    }
}
