using StrategicTech.Autopilot.Control;
using StrategicTech.Autopilot.Control.Detection;
using StrategicTech.Autopilot.Parameters;

namespace StrategicTech.Autopilot.Tests.Parameters;

public class MulticopterControlParametersTests
{
    [Fact]
    public void Every_definition_is_unique_and_binds_at_its_default()
    {
        ParameterStore store = MulticopterControlParameters.CreateStore();
        Assert.Equal(MulticopterControlParameters.Definitions.Count, store.Count);
        Assert.True(store.Count >= 50);
        Assert.All(MulticopterControlParameters.Definitions, d => Assert.Null(d.ValueProblem(d.DefaultValue)));
    }

    [Fact]
    public void Parameter_defaults_equal_the_typed_defaults()
    {
        ParameterStore store = MulticopterControlParameters.CreateStore();
        Assert.Equal(PositionControllerParameters.Default, MulticopterControlParameters.Position(store));
        Assert.Equal(VelocityControllerParameters.Default, MulticopterControlParameters.Velocity(store));
        Assert.Equal(RateControllerParameters.Default, MulticopterControlParameters.Rate(store));
        Assert.Equal(LandDetectorParameters.Default, MulticopterControlParameters.LandDetector(store));
        AssertClose(ThrustAttitudeParameters.Default, MulticopterControlParameters.ThrustAttitude(store));
        AttitudeControllerParameters a = MulticopterControlParameters.Attitude(store), d = AttitudeControllerParameters.Default;
        Assert.Equal(d.RollGainPerS, a.RollGainPerS);
        Assert.Equal(d.MaxYawRateRadps, a.MaxYawRateRadps, 12);

        static void AssertClose(ThrustAttitudeParameters expected, ThrustAttitudeParameters actual)
        {
            Assert.Equal(expected.HoverThrust, actual.HoverThrust);
            Assert.Equal(expected.MaxTiltRad, actual.MaxTiltRad, 12);
        }
    }

    [Fact]
    public void Degrees_in_the_store_become_radians_in_the_controllers()
    {
        ParameterStore store = MulticopterControlParameters.CreateStore();
        store.Set("MPC_TILTMAX_AIR", 30);
        store.Set("MC_ROLLRATE_MAX", 360);
        Assert.Equal(Math.PI / 6, MulticopterControlParameters.ThrustAttitude(store).MaxTiltRad, 12);
        Assert.Equal(2 * Math.PI, MulticopterControlParameters.Attitude(store).MaxRollRateRadps, 12);
    }

    [Fact]
    public void Inconsistent_thrust_parameters_are_refused_by_the_store_and_fail_when_bound()
    {
        ParameterStore store = MulticopterControlParameters.CreateStore();
        store.Set("MPC_THR_MIN", 0.45);
        var refused = Assert.Throws<ParameterException>(() => store.Set("MPC_THR_HOVER", 0.4));
        Assert.Contains("MinThrust < HoverThrust < MaxThrust", refused.Message, StringComparison.Ordinal);
        Assert.Equal(0.5, store.Get("MPC_THR_HOVER"));

        // Binding checks the same rule on a store without it.
        store.CombinationRule = null;
        store.Set("MPC_THR_HOVER", 0.4);
        var e = Assert.Throws<ArgumentException>(() => MulticopterControlParameters.ThrustAttitude(store));
        Assert.Contains("MinThrust < HoverThrust < MaxThrust", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0, 4)]
    [InlineData(1, 6)]
    public void Airframe_parameter_selects_the_rotor_layout(int airframe, int motors)
    {
        ParameterStore store = MulticopterControlParameters.CreateStore();
        store.Set("MC_AIRFRAME", airframe);
        Assert.Equal(motors, MulticopterControlParameters.CreateCascade(store).Allocator.MotorCount);
    }
}
