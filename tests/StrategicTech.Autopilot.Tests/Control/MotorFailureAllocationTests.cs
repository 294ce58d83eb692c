using StrategicTech.Autopilot.Control;
using StrategicTech.Autopilot.Control.Allocation;
using StrategicTech.Navigation.Numerics;
using StrategicTech.TestSupport;

namespace StrategicTech.Autopilot.Tests.Control;

// Tolerances here are floating-point rounding epsilons (1e-9) on exact identities of the pseudo-inverse, not measured figures.
public class MotorFailureAllocationTests
{
    [Fact]
    public void Quad_x_cannot_lose_any_motor_and_refuses_to_drop_one()
    {
        var quad = new ControlAllocator(MultirotorGeometry.QuadX());
        for (int i = 0; i < 4; i++)
        {
            Assert.False(quad.CanLose(i));
            Assert.False(quad.DisableMotor(i));
        }

        Assert.Equal(-1, quad.FailedMotor);
    }

    [Theory]
    [InlineData(0, 1)]
    [InlineData(1, 0)]
    [InlineData(2, 3)]
    [InlineData(3, 2)]
    [InlineData(4, 5)]
    [InlineData(5, 4)]
    public void Hex_x_without_a_motor_commands_it_zero_leaves_its_opposite_to_yaw_and_still_delivers_roll_pitch_and_thrust_exactly(int failed, int opposite)
    {
        var hex = new ControlAllocator(MultirotorGeometry.HexX());
        Assert.True(hex.CanLose(failed));
        Assert.True(hex.DisableMotor(failed));
        Assert.Equal(failed, hex.FailedMotor);
        Assert.Equal(opposite, hex.YawOnlyMotor);
        Assert.False(hex.DisableMotor(opposite));   // one failure at a time

        var u = new double[6];
        Vector3 torque = new(0.05, -0.04, 0);
        SaturationStatus status = hex.Allocate(torque, 0.5, u);
        Assert.Equal(0.0, u[failed]);

        // Roll and pitch from four motors of mixed spin leave a yaw side effect, which the rate loop corrects with yaw.
        Assert.Equal(0, status.Roll);
        Assert.Equal(0, status.Pitch);
        Assert.Equal(0, status.Thrust);
        Vector3 achieved = hex.AchievedTorque(u);
        Assert.Equal(torque.X, achieved.X, 1e-9);
        Assert.Equal(torque.Y, achieved.Y, 1e-9);
        Assert.Equal(0.5, hex.AchievedThrust(u), 1e-9);
        Assert.All(u, x => Assert.InRange(x, 0.0, 1.0));

        // The same collective is the same total thrust, now carried by four motors at 1.5 times the share.
        hex.Allocate(Vector3.Zero, 0.5, u);
        Assert.Equal(0.0, u[opposite], 1e-9);
        for (int i = 0; i < 6; i++)
        {
            if (i != failed && i != opposite)
            {
                Assert.Equal(0.75, u[i], 1e-9);
            }
        }
    }

    [Fact]
    public void Hex_x_without_a_motor_yaws_one_way_with_the_idle_opposite_and_keeps_roll_and_pitch_clean()
    {
        var hex = new ControlAllocator(MultirotorGeometry.HexX());
        hex.DisableMotor(2);
        var u = new double[6];

        // Motor 4 (index 3) spins counter-clockwise: spinning it up yaws the body clockwise (positive yaw).
        hex.Allocate(new Vector3(0, 0, 0.1), 0.5, u);
        Vector3 achieved = hex.AchievedTorque(u);
        Assert.True(u[3] > 0);
        Assert.True(achieved.Z > 0);
        Assert.Equal(0.0, achieved.X, 1e-9);
        Assert.Equal(0.0, achieved.Y, 1e-9);

        // The other way it would need that motor below zero: roll/pitch keep priority and yaw is given up.
        hex.Allocate(new Vector3(0, 0, -0.1), 0.5, u);
        Assert.Equal(0.0, hex.AchievedTorque(u).Z, 1e-9);
        Assert.Equal(0.0, hex.LastYawScale);
    }

    [Fact]
    public void Restoring_all_motors_brings_back_the_intact_allocation()
    {
        var hex = new ControlAllocator(MultirotorGeometry.HexX());
        var before = new double[6];
        var after = new double[6];
        hex.Allocate(new Vector3(0.1, 0.05, 0.02), 0.4, before);
        hex.DisableMotor(0);
        hex.RestoreAllMotors();
        hex.Allocate(new Vector3(0.1, 0.05, 0.02), 0.4, after);
        Assert.Equal(before, after);
        Assert.Equal(-1, hex.FailedMotor);
    }

    [Fact]
    public void Allocating_and_dropping_a_motor_allocate_nothing()
    {
        var hex = new ControlAllocator(MultirotorGeometry.HexX());
        var u = new double[6];
        Allocations.AssertZero(() =>
        {
            hex.Allocate(new Vector3(0.1, 0.05, 0.02), 0.4, u);
            hex.DisableMotor(4);
            hex.Allocate(new Vector3(0.3, -0.2, 0.1), 0.6, u);
            hex.RestoreAllMotors();
        });
    }
}
