namespace StrategicTech.Sim.Physics;

/// <summary>
/// Battery state: charge drawn, open-circuit voltage from the state-of-charge curve, terminal voltage sagging by
/// I·R under load. Without parameters it is an ideal supply that never sags or drains.
/// </summary>
public sealed class BatteryModel
{
    private readonly BatteryParameters? _parameters;
    private readonly double[] _curveSoc;
    private readonly double[] _curveVolts;
    private readonly double _capacityAs;
    private double _usableCapacityAs;
    private double _consumedAs;
    private int _segment = 1;

    public BatteryModel(BatteryParameters? parameters)
    {
        _parameters = parameters;
        int n = parameters?.OpenCircuitCurve.Count ?? 0;
        _curveSoc = new double[n];
        _curveVolts = new double[n];
        for (int i = 0; i < n; i++)
        {
            _curveSoc[i] = parameters!.OpenCircuitCurve[i].StateOfCharge;
            _curveVolts[i] = parameters.OpenCircuitCurve[i].CellVolts * parameters.Cells;
        }

        _capacityAs = parameters is null ? double.PositiveInfinity : parameters.CapacityMah * 3.6;
        _usableCapacityAs = _capacityAs;
        FullVoltageV = parameters?.FullVoltageV ?? 1.0;
        VoltageV = FullVoltageV;
    }

    public bool IsIdeal => _parameters is null;

    /// <summary>Open-circuit voltage of a full pack; the motor speed limit is stated at this voltage.</summary>
    public double FullVoltageV { get; }

    /// <summary>Terminal voltage under the present load (V).</summary>
    public double VoltageV { get; private set; }

    public double CurrentA { get; private set; }

    public double ConsumedMah => _consumedAs / 3.6;

    /// <summary>Remaining fraction of the nominal capacity, 0..1.</summary>
    public double RemainingFraction => IsIdeal ? 1.0 : Math.Clamp((_usableCapacityAs - _consumedAs) / _capacityAs, 0, 1);

    /// <summary>Extra voltage lost by an injected fault (V), added to the sag.</summary>
    public double FaultVoltageDropV { get; set; }

    /// <summary>Terminal voltage as a fraction of full voltage (scales the motors' speed limit).</summary>
    public double VoltageFraction => VoltageV / FullVoltageV;

    /// <summary>Draws current for the given mechanical rotor power over <paramref name="dtS"/>.</summary>
    public void Step(double mechanicalPowerW, double dtS)
    {
        if (_parameters is null)
        {
            CurrentA = 0;
            VoltageV = FullVoltageV;
            return;
        }

        double ocv = OpenCircuitVoltage(RemainingFraction);
        // P = V·I with V = ocv − I·R  →  R·I² − ocv·I + P = 0; the smaller root is the physical one.
        double power = (mechanicalPowerW / _parameters.PropulsionEfficiency) + (_parameters.AvionicsCurrentA * ocv);
        double r = _parameters.InternalResistanceOhm;
        double disc = (ocv * ocv) - (4 * r * power);
        double current = r > 0
            ? (disc > 0 ? (ocv - Math.Sqrt(disc)) / (2 * r) : ocv / (2 * r))
            : power / ocv;
        CurrentA = current;
        _consumedAs += current * dtS;
        VoltageV = Math.Max(ocv - (current * r) - FaultVoltageDropV, 0.05 * FullVoltageV);
    }

    /// <summary>A sudden loss of a fraction of the charge still in the pack (cell failure, fault injection).</summary>
    public void LoseCharge(double fractionOfRemaining)
    {
        if (_parameters is null)
        {
            return;
        }

        double remainingAs = _usableCapacityAs - _consumedAs;
        _usableCapacityAs -= Math.Clamp(fractionOfRemaining, 0, 1) * Math.Max(remainingAs, 0);
    }

    /// <summary>Interpolates the curve, starting from the last segment used (the charge changes slowly).</summary>
    private double OpenCircuitVoltage(double soc)
    {
        double[] s = _curveSoc, v = _curveVolts;
        if (soc <= s[0])
        {
            return v[0];
        }

        if (soc >= s[^1])
        {
            return v[^1];
        }

        int i = Math.Clamp(_segment, 1, s.Length - 1);
        while (soc < s[i - 1])
        {
            i--;
        }

        while (soc > s[i])
        {
            i++;
        }

        _segment = i;
        double t = (soc - s[i - 1]) / (s[i] - s[i - 1]);
        return v[i - 1] + (t * (v[i] - v[i - 1]));
    }
}
