using StrategicTech.Autopilot.Comms;
using StrategicTech.Drivers.Mavlink.Dialects.Common;
using StrategicTech.Navigation.Numerics;

namespace StrategicTech.Autopilot.Tests.Comms;

public sealed class OdometryEncodingTests
{
    [Fact]
    public void Odometry_carries_the_pose_in_local_ned_velocity_in_body_frd_and_the_variances_on_the_covariance_diagonals()
    {
        VehicleTelemetry t = TelemetryEncodingTests.Sample();
        t.AttitudeNed = Quaternion.FromEuler(0, 0, Math.PI / 2); // facing east: body forward = east, right = south
        t.VelocityNedMps = new Vector3(1, 2, 0.5);
        t.PositionVarianceNedM2 = new Vector3(0.04, 0.05, 0.09);
        t.AttitudeVarianceRad2 = new Vector3(1e-4, 2e-4, 3e-3);
        t.VelocityVarianceBodyM2ps2 = new Vector3(0.01, 0.02, 0.03);

        Odometry m = TelemetryEncoding.Odometry(t);

        Assert.Equal(MavFrame.LocalNed, m.FrameId);
        Assert.Equal(MavFrame.BodyFrd, m.ChildFrameId);
        Assert.Equal((ulong)t.TimeUs, m.TimeUsec);
        Assert.Equal((float)t.PositionNedM.X, m.X);
        Assert.Equal((float)t.PositionNedM.Y, m.Y);
        Assert.Equal((float)t.PositionNedM.Z, m.Z);
        Assert.Equal((float)t.AttitudeNed.W, m.Q[0]);
        Assert.Equal((float)t.AttitudeNed.Z, m.Q[3]);
        // North 1 m/s is to the left (−right), east 2 m/s is forward, down stays down.
        Assert.Equal(2, m.Vx, 1e-6f);
        Assert.Equal(-1, m.Vy, 1e-6f);
        Assert.Equal(0.5f, m.Vz, 1e-6f);
        Assert.Equal((float)t.BodyRateRadps.Z, m.Yawspeed);
        int[] diagonal = [0, 6, 11, 15, 18, 20];
        float[] pose = [0.04f, 0.05f, 0.09f, 1e-4f, 2e-4f, 3e-3f];
        for (int i = 0; i < 21; i++)
        {
            int d = Array.IndexOf(diagonal, i);
            if (d >= 0)
            {
                Assert.Equal(pose[d], m.PoseCovariance[i]);
            }
            else
            {
                Assert.True(float.IsNaN(m.PoseCovariance[i]), $"pose covariance [{i}] should be NaN (not reported)");
            }
        }

        Assert.Equal(0.01f, m.VelocityCovariance[0]);
        Assert.Equal(0.02f, m.VelocityCovariance[6]);
        Assert.Equal(0.03f, m.VelocityCovariance[11]);
        Assert.True(float.IsNaN(m.VelocityCovariance[15]));
        Assert.Equal(MavEstimatorType.Autopilot, m.EstimatorType);

        // The wire round trip keeps every field.
        Span<byte> payload = stackalloc byte[Odometry.MsgMaxLength];
        m.Encode(payload);
        Odometry decoded = Odometry.Decode(payload);
        Assert.Equal(m.X, decoded.X);
        Assert.Equal(m.PoseCovariance[20], decoded.PoseCovariance[20]);
    }
}
