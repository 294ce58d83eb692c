namespace StrategicTech.Sim.Physics;

/// <summary>
/// A LiPo pack: <see cref="Cells"/> in series, capacity, internal resistance of the whole pack, and the open-circuit
/// voltage per cell against state of charge (a piecewise-linear curve, state of charge ascending from 0 to 1).
/// Electrical current is the rotors' mechanical power over <see cref="PropulsionEfficiency"/> plus an avionics load.
/// </summary>
public sealed record BatteryParameters(
    int Cells,
    double CapacityMah,
    double InternalResistanceOhm,
    IReadOnlyList<(double StateOfCharge, double CellVolts)> OpenCircuitCurve,
    double PropulsionEfficiency,
    double AvionicsCurrentA)
{
    /// <summary>A typical LiPo open-circuit curve per cell (3.27 V empty, 4.20 V full).</summary>
    public static IReadOnlyList<(double StateOfCharge, double CellVolts)> LiPoCurve { get; } =
    [
        (0.00, 3.27), (0.05, 3.61), (0.10, 3.69), (0.20, 3.74), (0.30, 3.77), (0.40, 3.79),
        (0.50, 3.82), (0.60, 3.87), (0.70, 3.92), (0.80, 3.98), (0.90, 4.06), (1.00, 4.20),
    ];

    public double FullVoltageV => Cells * OpenCircuitCurve[^1].CellVolts;
}
