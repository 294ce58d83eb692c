using StrategicTech.Autopilot.Flight;
using StrategicTech.Drivers.Mavlink.Dialects.Common;
using StrategicTech.Navigation.Numerics;
using StrategicTech.Sim.Lockstep;
using StrategicTech.Sim.Tests.Sitl;

namespace StrategicTech.Sim.Tests.Mavlink;

/// <summary>VIBRATION and ODOMETRY as a ground station receives them from a hovering SITL quad.</summary>
public sealed class DiagnosticStreamTests
{
    [Fact]
    public void Vibration_streams_at_0_1_hz_and_odometry_on_request_at_30_hz_carrying_the_ekf_estimate()
    {
        SitlVehicle vehicle = SitlFixtures.CreateQuad();
        var ground = new GroundStation(vehicle);
        Assert.True(ground.RunUntil(() => vehicle.ReadyToArm, 30_000_000), "EKF never ready to arm");
        Assert.Empty(ground.All<Odometry>()); // not in PX4's normal-mode list: only on request
        Assert.Equal(CommandOutcome.Accepted, vehicle.Commands.Takeoff(10));
        Assert.False(ground.RunUntil(() => false, 15_000_000)); // climb to 10 m and settle
        Assert.Equal(MavResult.Accepted, ground.Command(MavCmd.SetMessageInterval, Odometry.MsgId, 33_333)); // PX4's onboard 30 Hz
        int vibrationBefore = ground.All<Vibration>().Count, odometryBefore = ground.All<Odometry>().Count;

        // Hover 30 s a tick at a time, keeping the estimate each tick produced (keyed by that tick's time).
        var estimates = new Dictionary<long, Vector3>();
        long startUs = vehicle.Clock.TimeUs, endUs = startUs + 30_000_000;
        while (vehicle.Clock.TimeUs < endUs)
        {
            vehicle.Step(); // advances the clock to the tick's time, then runs the tick
            estimates[vehicle.Clock.TimeUs] = vehicle.Vehicle.Estimate.PositionNedM;
            if (vehicle.Scheduler.TickCount % 20 == 0)
            {
                ground.Node.Tick();
            }
        }

        List<Vibration> vibrations = ground.All<Vibration>()[vibrationBefore..];
        List<Odometry> odometry = ground.All<Odometry>()[odometryBefore..];
        Assert.InRange(vibrations.Count, 2, 4); // 0.1 Hz over 30 s: measured 3
        Assert.InRange(odometry.Count, 899, 901); // 30 Hz over 30 s: measured 900

        // A hovering quad vibrates a little (here the simulated accelerometer's white noise): positive and small on
        // every axis, nothing clipped.
        foreach (Vibration v in vibrations)
        {
            Assert.InRange(v.VibrationX, 0.014f, 0.032f); // measured 0.0210–0.0215 m/s²
            Assert.InRange(v.VibrationY, 0.014f, 0.032f); // measured 0.0211–0.0213 m/s²
            Assert.InRange(v.VibrationZ, 0.014f, 0.032f); // measured 0.0210–0.0216 m/s²
            Assert.Equal(0u, v.Clipping0);
        }

        foreach (Odometry o in odometry)
        {
            Assert.Equal(MavFrame.LocalNed, o.FrameId);
            Assert.Equal(MavFrame.BodyFrd, o.ChildFrameId);
            Assert.True(estimates.TryGetValue((long)o.TimeUsec, out Vector3 estimate), $"no tick at {o.TimeUsec} µs");
            Assert.Equal((float)estimate.X, o.X);
            Assert.Equal((float)estimate.Y, o.Y);
            Assert.Equal((float)estimate.Z, o.Z);
            Assert.InRange(o.Z, -10.03f, -9.97f); // holding 10 m: measured −10.016 to −9.997 m
            Assert.InRange(o.PoseCovariance[0], 0.010f, 0.029f); // GNSS-aided north variance: measured 0.0151–0.0195 m²
            Assert.InRange(o.VelocityCovariance[0], 0.0018f, 0.0084f); // body-forward velocity variance: measured 0.0027–0.0056 m²/s²
            Assert.True(float.IsNaN(o.PoseCovariance[1]));
        }
    }
}
