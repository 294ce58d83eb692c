using StrategicTech.Navigation.Numerics;
using StrategicTech.Sim.Faults;
using StrategicTech.Sim.Physics;

namespace StrategicTech.Sim.Tests.Physics;

/// <summary>Airframes and worlds shared by the physics tests.</summary>
internal static class PhysicsFixtures
{
    public static AirframeDefinition Quad { get; } = AirframeLoader.LoadBuiltIn("quad_x");

    public static AirframeDefinition Hex { get; } = AirframeLoader.LoadBuiltIn("hex_x");

    /// <summary>The quad with no drag and an ideal supply: analytic cases hold exactly.</summary>
    public static AirframeDefinition DragFreeQuad { get; } = Quad with
    {
        LinearDragNsPerM = Vector3.Zero,
        QuadraticDragNs2PerM2 = Vector3.Zero,
        AngularDragNmsPerRad = Vector3.Zero,
        Battery = null,
    };

    public static SimulationEnvironment Calm => SimulationEnvironment.Default;

    public static MultirotorSimulation Create(AirframeDefinition airframe, SimulationEnvironment? environment = null, FaultSchedule? faults = null, long stepUs = 1000) =>
        new(airframe, environment ?? Calm, faults, stepUs);

    /// <summary>A vehicle placed in the air at <paramref name="altitudeM"/>, level, every motor at the given speed.</summary>
    public static MultirotorSimulation InAir(AirframeDefinition airframe, double altitudeM, double motorSpeedRadPerS, SimulationEnvironment? environment = null, FaultSchedule? faults = null, long stepUs = 1000)
    {
        MultirotorSimulation sim = Create(airframe, environment, faults, stepUs);
        sim.ResetState(new Vector3(0, 0, -altitudeM), Vector3.Zero, Quaternion.Identity, Vector3.Zero, motorSpeedRadPerS);
        return sim;
    }

    public static double HoverSpeedRadPerS(AirframeDefinition airframe, double gravityMps2) =>
        Math.Sqrt(airframe.MassKg * gravityMps2 / (airframe.Motors.Count * airframe.ThrustCoefficientNPerRadPerS2));

    public static void SetAllCommands(MultirotorSimulation sim, double command)
    {
        Span<double> u = stackalloc double[AirframeDefinition.MaxMotors];
        u.Fill(command);
        sim.SetMotorCommands(u[..sim.Airframe.Motors.Count]);
    }

    public static void Run(MultirotorSimulation sim, double seconds)
    {
        long steps = (long)Math.Round(seconds * 1e6 / sim.StepUs);
        for (long i = 0; i < steps; i++)
        {
            sim.Step();
        }
    }

    public static void AssertFinite(in VehicleTruth t)
    {
        Assert.True(t.PositionNedM.IsFinite && t.VelocityNedMps.IsFinite && t.Attitude.IsFinite && t.BodyRatesFrdRadPerS.IsFinite
            && t.SpecificForceFrdMps2.IsFinite && double.IsFinite(t.BatteryVoltageV), "truth has a non-finite value");
    }
}
