using StrategicTech.Autopilot.Control;
using StrategicTech.Navigation.Numerics;

namespace StrategicTech.Autopilot.Tests.Control;

/// <summary>A NaN from a faulty estimate must not poison integrators or filters for the rest of the flight.</summary>
public class NonFiniteInputTests
{
    private static readonly Vector3 NaNVector = new(double.NaN, 0, 0);

    [Fact]
    public void Rate_controller_refuses_a_nan_sample_and_carries_on()
    {
        var rate = new RateController(RateControllerParameters.Default);
        rate.Update(new Vector3(1, 0, 0), Vector3.Zero, 0.0025, default);
        Vector3 integral = rate.Integral;
        Assert.Equal(Vector3.Zero, rate.Update(new Vector3(1, 0, 0), NaNVector, 0.0025, default));
        Assert.Equal(integral, rate.Integral);
        Assert.Equal(1, rate.NonFiniteInputCount);
        Vector3 torque = rate.Update(new Vector3(1, 0, 0), Vector3.Zero, 0.0025, default);
        Assert.True(torque.IsFinite && torque.X > 0);
    }

    [Fact]
    public void Velocity_controller_answers_hover_to_a_nan_and_keeps_its_integrator()
    {
        var velocity = new VelocityController(VelocityControllerParameters.Default);
        velocity.Update(new Vector3(1, 0, 0), Vector3.Zero, Vector3.Zero, 0.01);
        Vector3 integral = velocity.IntegralMps2;
        Assert.Equal(Vector3.Zero, velocity.Update(new Vector3(1, 0, 0), NaNVector, Vector3.Zero, 0.01));
        Assert.Equal(integral, velocity.IntegralMps2);
        Assert.Equal(1, velocity.NonFiniteInputCount);
        Assert.True(velocity.Update(new Vector3(1, 0, 0), Vector3.Zero, Vector3.Zero, 0.01).IsFinite);
    }

    [Fact]
    public void Position_and_attitude_controllers_answer_zero_to_a_nan()
    {
        var position = new PositionController(PositionControllerParameters.Default);
        Assert.Equal(Vector3.Zero, position.Update(Vector3.Zero, NaNVector, Vector3.Zero));
        Assert.Equal(1, position.NonFiniteInputCount);

        var attitude = new AttitudeController(AttitudeControllerParameters.Default);
        Assert.Equal(Vector3.Zero, attitude.Update(new Quaternion(double.NaN, 0, 0, 0), Quaternion.Identity));
        Assert.Equal(1, attitude.NonFiniteInputCount);
    }

    [Fact]
    public void Thrust_mapping_of_a_nan_acceleration_is_level_hover()
    {
        var mapper = new ThrustAttitudeMapper(ThrustAttitudeParameters.Default);
        ThrustAttitudeSetpoint sp = mapper.Compute(NaNVector, double.NaN);
        Assert.Equal(0.5, sp.CollectiveThrust, 12);
        Assert.True(Quaternion.AngleBetween(sp.AttitudeNed, Quaternion.Identity) < 1e-9);
    }

    [Fact]
    public void Hover_thrust_updates_in_flight_are_range_checked_without_throwing()
    {
        var mapper = new ThrustAttitudeMapper(ThrustAttitudeParameters.Default);
        Assert.False(mapper.TrySetHoverThrust(double.NaN));
        Assert.False(mapper.TrySetHoverThrust(0.99));
        Assert.False(mapper.TrySetHoverThrust(0.05)); // not above MinThrust 0.08
        Assert.Equal(0.5, mapper.Parameters.HoverThrust);
        Assert.True(mapper.TrySetHoverThrust(0.4));
        Assert.Equal(0.4, mapper.Compute(Vector3.Zero, 0).CollectiveThrust, 12);
    }
}
