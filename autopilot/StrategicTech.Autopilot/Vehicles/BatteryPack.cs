namespace StrategicTech.Autopilot.Vehicles;

/// <summary>
/// What the autopilot is told about its pack (PX4's BAT1_N_CELLS, BAT1_CAPACITY, BAT1_R_INTERNAL): cells in series,
/// capacity and the whole pack's internal resistance, with the open-circuit voltage per cell against state of charge
/// (<see cref="LiPoCurve"/> unless given). Validated on construction.
/// </summary>
public sealed record BatteryPack
{
    public BatteryPack(int cells, double capacityMah, double internalResistanceOhm, IReadOnlyList<(double StateOfCharge, double CellVolts)>? openCircuitCurve = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(cells, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(cells, 24);
        if (!(capacityMah > 0 && double.IsFinite(capacityMah)))
        {
            throw new ArgumentOutOfRangeException(nameof(capacityMah), capacityMah, "capacity must be > 0 mAh");
        }

        if (!(internalResistanceOhm >= 0 && internalResistanceOhm < 10))
        {
            throw new ArgumentOutOfRangeException(nameof(internalResistanceOhm), internalResistanceOhm, "internal resistance must be within [0, 10) Ω");
        }

        IReadOnlyList<(double StateOfCharge, double CellVolts)> curve = openCircuitCurve ?? LiPoCurve;
        for (int i = 1; i < curve.Count; i++)
        {
            if (!(curve[i].StateOfCharge > curve[i - 1].StateOfCharge && curve[i].CellVolts > curve[i - 1].CellVolts))
            {
                throw new ArgumentException("the open-circuit curve must rise strictly in both state of charge and voltage", nameof(openCircuitCurve));
            }
        }

        if (curve.Count < 2)
        {
            throw new ArgumentException("the open-circuit curve needs at least two points", nameof(openCircuitCurve));
        }

        Cells = cells;
        CapacityMah = capacityMah;
        InternalResistanceOhm = internalResistanceOhm;
        OpenCircuitCurve = curve;
    }

    /// <summary>A typical LiPo open-circuit curve per cell (3.27 V empty, 4.20 V full).</summary>
    public static IReadOnlyList<(double StateOfCharge, double CellVolts)> LiPoCurve { get; } =
    [
        (0.00, 3.27), (0.05, 3.61), (0.10, 3.69), (0.20, 3.74), (0.30, 3.77), (0.40, 3.79),
        (0.50, 3.82), (0.60, 3.87), (0.70, 3.92), (0.80, 3.98), (0.90, 4.06), (1.00, 4.20),
    ];

    public int Cells { get; }

    public double CapacityMah { get; }

    public double InternalResistanceOhm { get; }

    public IReadOnlyList<(double StateOfCharge, double CellVolts)> OpenCircuitCurve { get; }

    /// <summary>State of charge 0..1 for an open-circuit cell voltage (clamped at the curve's ends).</summary>
    public double StateOfChargeAt(double cellVolts)
    {
        IReadOnlyList<(double StateOfCharge, double CellVolts)> c = OpenCircuitCurve;
        if (!(cellVolts > c[0].CellVolts))
        {
            return c[0].StateOfCharge;
        }

        for (int i = 1; i < c.Count; i++)
        {
            if (cellVolts <= c[i].CellVolts)
            {
                double t = (cellVolts - c[i - 1].CellVolts) / (c[i].CellVolts - c[i - 1].CellVolts);
                return c[i - 1].StateOfCharge + (t * (c[i].StateOfCharge - c[i - 1].StateOfCharge));
            }
        }

        return c[^1].StateOfCharge;
    }
}
