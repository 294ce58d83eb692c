using System.Globalization;
using StrategicTech.Navigation.Numerics;

namespace StrategicTech.Sim.Faults;

/// <summary>
/// The faults of a scenario, sorted by start time and validated once. Physics and sensor models query it every
/// step by simulation time; queries scan a small array and allocate nothing. Overlapping faults of one kind add up
/// (offsets and fields sum; motor fractions multiply; voltage drops sum).
/// </summary>
public sealed class FaultSchedule
{
    private Fault[] _faults;

    public FaultSchedule(IEnumerable<Fault> faults)
    {
        ArgumentNullException.ThrowIfNull(faults);
        _faults = [.. faults];
        for (int i = 0; i < _faults.Length; i++)
        {
            Validate(_faults[i], i);
        }

        // Stable sort by start keeps the caller's order among equal starts.
        _faults = [.. _faults.Select((f, i) => (f, i)).OrderBy(p => p.f.StartUs).ThenBy(p => p.i).Select(p => p.f)];
    }

    public static FaultSchedule Empty { get; } = new([]);

    /// <summary>
    /// Adds a fault while the simulation runs (an interactive <c>fault</c> command). Call on the simulation thread,
    /// between steps: the array is replaced whole (allocates; an operator's command, not a per-tick path).
    /// </summary>
    public void Inject(in Fault fault)
    {
        if (ReferenceEquals(this, Empty))
        {
            throw new InvalidOperationException("the shared empty schedule cannot take faults; give the vehicle its own schedule");
        }

        Validate(fault, _faults.Length);
        Fault[] grown = [.. _faults, fault];
        _faults = [.. grown.Select((f, i) => (f, i)).OrderBy(p => p.f.StartUs).ThenBy(p => p.i).Select(p => p.f)];
    }

    public ReadOnlySpan<Fault> Faults => _faults;

    public int Count => _faults.Length;

    public bool IsActive(FaultKind kind, long timeUs)
    {
        foreach (ref readonly Fault f in _faults.AsSpan())
        {
            if (f.Kind == kind && f.IsActiveAt(timeUs))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Sum of <see cref="Fault.Vector"/> over active faults of <paramref name="kind"/>.</summary>
    public Vector3 ActiveVectorSum(FaultKind kind, long timeUs)
    {
        Vector3 sum = Vector3.Zero;
        foreach (ref readonly Fault f in _faults.AsSpan())
        {
            if (f.Kind == kind && f.IsActiveAt(timeUs))
            {
                sum += f.Vector;
            }
        }

        return sum;
    }

    /// <summary>The fraction of its command motor <paramref name="motorIndex"/> delivers now (1 when healthy).</summary>
    public double MotorOutputFraction(int motorIndex, long timeUs)
    {
        double fraction = 1.0;
        foreach (ref readonly Fault f in _faults.AsSpan())
        {
            if (f.Kind == FaultKind.MotorFailure && f.MotorIndex == motorIndex && f.IsActiveAt(timeUs))
            {
                fraction *= f.Fraction;
            }
        }

        return fraction;
    }

    /// <summary>Sum of the voltage drops of active battery faults (V).</summary>
    public double BatteryVoltageDropV(long timeUs)
    {
        double drop = 0;
        foreach (ref readonly Fault f in _faults.AsSpan())
        {
            if (f.Kind == FaultKind.BatteryDrop && f.IsActiveAt(timeUs))
            {
                drop += f.VoltageDropV;
            }
        }

        return drop;
    }

    private static void Validate(in Fault f, int index)
    {
        if (f.StartUs < 0)
        {
            Throw(index, "startUs", f.StartUs, "must be ≥ 0");
        }

        if (f.DurationUs <= 0)
        {
            Throw(index, "durationUs", f.DurationUs, "must be > 0");
        }

        if (!Enum.IsDefined(f.Kind))
        {
            Throw(index, "kind", (int)f.Kind, "is not a known fault kind");
        }

        if (f.Kind == FaultKind.MotorFailure && (f.MotorIndex < 0 || f.MotorIndex >= Physics.AirframeDefinition.MaxMotors))
        {
            Throw(index, "motorIndex", f.MotorIndex, "must be within 0..7");
        }

        if ((f.Kind is FaultKind.MotorFailure or FaultKind.BatteryDrop) && !(f.Fraction >= 0 && f.Fraction <= 1))
        {
            Throw(index, "fraction", f.Fraction, "must be within 0..1");
        }

        if (!f.Vector.IsFinite || !double.IsFinite(f.VoltageDropV) || f.VoltageDropV < 0)
        {
            Throw(index, f.Vector.IsFinite ? "voltageDropV" : "vector", f.VoltageDropV, "must be finite (and the drop ≥ 0)");
        }
    }

    private static void Throw(int index, string field, object value, string problem) =>
        throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"fault #{index}: {field} = {value} {problem}"));
}
