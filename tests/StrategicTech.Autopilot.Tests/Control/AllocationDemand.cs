using FsCheck;
using FsCheck.Fluent;
using StrategicTech.Navigation.Numerics;

namespace StrategicTech.Autopilot.Tests.Control;

/// <summary>A random allocator input: normalised torque, collective thrust and the airframe (quad or hex).</summary>
public sealed record AllocationDemand(Vector3 Torque, double Thrust, bool Hex)
{
    public override string ToString() =>
        $"torque=({Torque.X:R}, {Torque.Y:R}, {Torque.Z:R}) thrust={Thrust:R} {(Hex ? "hex" : "quad")}";
}

/// <summary>FsCheck generators: demands from well inside to far beyond the motors' authority.</summary>
public static class AllocationGenerators
{
    public static Arbitrary<AllocationDemand> Demand()
    {
        // Mix small (mostly feasible) and large (saturating) demands so both regimes are covered.
        Gen<double> axis = Gen.Frequency(
            (2, Gen.Choose(-300_000, 300_000).Select(i => i / 1_000_000.0)),
            (2, Gen.Choose(-2_000_000, 2_000_000).Select(i => i / 1_000_000.0)),
            (1, Gen.Elements(0.0, 1.0, -1.0)));
        Gen<double> thrust = Gen.Frequency(
            (4, Gen.Choose(0, 1_000_000).Select(i => i / 1_000_000.0)),
            (1, Gen.Choose(-200_000, 1_200_000).Select(i => i / 1_000_000.0)),
            (1, Gen.Elements(0.0, 1.0, 0.5)));
        Gen<AllocationDemand> demand =
            from x in axis
            from y in axis
            from z in axis
            from t in thrust
            from hex in Gen.Elements(false, true)
            select new AllocationDemand(new Vector3(x, y, z), t, hex);
        return demand.ToArbitrary();
    }
}
