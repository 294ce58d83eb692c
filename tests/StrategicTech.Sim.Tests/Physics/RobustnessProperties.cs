using FsCheck.Xunit;
using StrategicTech.Sim.Physics;
using static StrategicTech.Sim.Tests.Physics.PhysicsFixtures;

namespace StrategicTech.Sim.Tests.Physics;

// Tolerances in this class are rounding epsilons on exact identities (the attitude quaternion stays unit).
public sealed class RobustnessProperties
{
    /// <summary>Whatever the commands (NaN, infinities, out of range included), the world stays physical.</summary>
    [Property(MaxTest = 40)]
    public bool Any_commands_keep_the_state_finite_above_ground_and_motors_within_limits(double u0, double u1, double u2, double u3, double u4, double u5, bool hex)
    {
        AirframeDefinition airframe = hex ? Hex : Quad;
        MultirotorSimulation sim = InAir(airframe, 2, 600);
        sim.SetMotorCommands([u0, u1, u2, u3, u4, u5]);
        for (int i = 0; i < 1500; i++)
        {
            sim.Step();
            ref readonly VehicleTruth t = ref sim.Truth;
            if (!(t.PositionNedM.IsFinite && t.VelocityNedMps.IsFinite && t.Attitude.IsFinite && t.BodyRatesFrdRadPerS.IsFinite
                && t.PositionNedM.Z <= 0 && Math.Abs(t.Attitude.Norm - 1) < 1e-12))
            {
                return false;
            }

            for (int m = 0; m < airframe.Motors.Count; m++)
            {
                if (!(t.MotorSpeedsRadPerS[m] >= 0 && t.MotorSpeedsRadPerS[m] <= airframe.MaxMotorSpeedRadPerS * 1.000001))
                {
                    return false;
                }
            }
        }

        return sim.Truth.TimeUs == 1_500_000;
    }
}
