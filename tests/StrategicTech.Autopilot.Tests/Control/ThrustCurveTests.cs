using FsCheck.Xunit;
using StrategicTech.Autopilot.Control.Allocation;
using StrategicTech.Autopilot.Parameters;

namespace StrategicTech.Autopilot.Tests.Control;

public class ThrustCurveTests
{
    [Property(MaxTest = 500)]
    public void Command_inverts_the_thrust_model(int factorPermille, int thrustPermille)
    {
        var curve = new ThrustCurve(Math.Abs(factorPermille % 1001) / 1000.0);
        double thrust = Math.Abs(thrustPermille % 1001) / 1000.0;
        double command = curve.Command(thrust);
        Assert.InRange(command, 0.0, 1.0);
        Assert.Equal(thrust, curve.ThrustFraction(command), 1e-12);
    }

    [Fact]
    public void Quadratic_model_takes_the_square_root_and_linear_is_the_identity()
    {
        Assert.Equal(Math.Sqrt(0.25), new ThrustCurve(1).Command(0.25), 1e-15);
        Assert.Equal(0.25, ThrustCurve.Linear.Command(0.25));
        Assert.Equal(1.0, new ThrustCurve(0.7).Command(1.5));
    }

    [Fact]
    public void Cascade_applies_the_curve_after_allocation()
    {
        ParameterStore store = MulticopterControlParameters.CreateStore();
        store.Set("THR_MDL_FAC", 1);
        var cascade = MulticopterControlParameters.CreateCascade(store);
        var motors = new double[4];
        cascade.UpdateRate(Navigation.Numerics.Vector3.Zero, 0.25, Navigation.Numerics.Vector3.Zero, 0.0025, motors);
        Assert.All(motors, m => Assert.Equal(0.5, m, 12));
    }
}
