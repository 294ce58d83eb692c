using StrategicTech.Autopilot.Hal;

namespace StrategicTech.Autopilot.Vehicles;

/// <summary>
/// The vehicle's battery state from its battery monitor (never from anything else). A monitor with a fuel gauge
/// (smart battery) reports the charge drawn and the remaining fraction, and they are taken as they are. From an
/// analog power module (voltage and current only) with a known <see cref="BatteryPack"/>: the terminal voltage is
/// compensated for the internal-resistance sag (V + I·R) and low-pass filtered, the open-circuit curve turns it
/// into a voltage-based state of charge, and coulomb counting (the current integrated over the readings' time
/// stamps against the capacity) carries the estimate between; the two are blended by a complementary filter that
/// trusts the count (time constant <see cref="VoltageTrustTimeS"/>) unless they disagree by more than
/// <see cref="DisagreementFraction"/> (a cell failure, a pack not full at power-up), when the voltage takes over
/// within seconds (until they agree within one point); below 30 % (voltage-based) the trust shifts towards the
/// voltage, down to a <see cref="LowChargeTrustTimeS"/> time constant under 15 %, where the curve is steep. The first reading starts the estimate from the voltage. Remaining time is the remaining charge
/// over the filtered current. With only a capacity, the count alone; with neither, NaN ("not measured"). No
/// allocation per reading.
/// </summary>
public sealed class BatteryEstimator
{
    /// <summary>Low-pass time constant of the compensated voltage and of the current (s).</summary>
    public const double FilterTimeS = 2.0;

    /// <summary>How slowly the voltage corrects the coulomb count while they agree (s).</summary>
    public const double VoltageTrustTimeS = 200.0;

    /// <summary>How fast the voltage corrects it when they disagree by more than <see cref="DisagreementFraction"/> (s).</summary>
    public const double FastCorrectionTimeS = 1.0;

    public const double DisagreementFraction = 0.15;

    /// <summary>Below <see cref="LowChargeFraction"/> the open-circuit curve is steep and the voltage is trusted this much more (s).</summary>
    public const double LowChargeTrustTimeS = 5.0;

    /// <summary>Voltage-based state of charge under which the trust shifts towards the voltage (linearly from twice this).</summary>
    public const double LowChargeFraction = 0.15;

    private readonly double? _capacityMah;
    private readonly BatteryPack? _pack;
    private long _lastTimeUs = -1;
    private double _integratedMah;
    private double _stateOfCharge = double.NaN;
    private bool _correcting;

    /// <summary>Coulomb counting against a capacity only (no pack model); null: unknown.</summary>
    public BatteryEstimator(double? capacityMah)
    {
        _capacityMah = capacityMah;
    }

    /// <summary>Voltage and current with the pack's curve, resistance and capacity.</summary>
    public BatteryEstimator(BatteryPack pack)
    {
        ArgumentNullException.ThrowIfNull(pack);
        _pack = pack;
        _capacityMah = pack.CapacityMah;
    }

    /// <summary>
    /// BAT1_R_INTERNAL (PX4): when ≥ 0, the pack resistance (Ω) the sag compensation uses instead of the
    /// <see cref="BatteryPack"/>'s; 0 turns the compensation off. Negative (the default): the pack's.
    /// </summary>
    public double ResistanceOverrideOhm { get; set; } = -1;

    /// <summary>The resistance the sag compensation uses now (Ω; NaN without a pack).</summary>
    public double CompensationResistanceOhm => _pack is null ? double.NaN : ResistanceOverrideOhm >= 0 ? ResistanceOverrideOhm : _pack.InternalResistanceOhm;

    public double VoltageV { get; private set; } = double.NaN;

    public double CurrentA { get; private set; } = double.NaN;

    public double ConsumedMah { get; private set; } = double.NaN;

    /// <summary>Remaining fraction of the pack, 0..1; NaN when unknown.</summary>
    public double RemainingFraction { get; private set; } = double.NaN;

    /// <summary>Terminal voltage plus the I·R sag, filtered (V); NaN without a pack model.</summary>
    public double CompensatedVoltageV { get; private set; } = double.NaN;

    /// <summary>State of charge read from <see cref="CompensatedVoltageV"/> on the open-circuit curve; NaN without a pack model.</summary>
    public double VoltageStateOfCharge { get; private set; } = double.NaN;

    /// <summary>Filtered current (A).</summary>
    public double FilteredCurrentA { get; private set; } = double.NaN;

    /// <summary>Flight time left at the present current (s); NaN when unknown or not discharging.</summary>
    public double RemainingTimeS { get; private set; } = double.NaN;

    public void Update(in BatterySample sample)
    {
        double dtS = _lastTimeUs >= 0 && sample.TimeUs > _lastTimeUs ? (sample.TimeUs - _lastTimeUs) * 1e-6 : 0;
        bool currentOk = double.IsFinite(sample.CurrentA);
        if (dtS > 0 && currentOk)
        {
            // mAh = A · s / 3.6
            _integratedMah += sample.CurrentA * dtS / 3.6;
        }

        _lastTimeUs = sample.TimeUs;
        VoltageV = sample.VoltageV;
        CurrentA = sample.CurrentA;
        ConsumedMah = sample.ConsumedMah ?? _integratedMah;
        if (currentOk)
        {
            FilteredCurrentA = double.IsNaN(FilteredCurrentA) ? sample.CurrentA : FilteredCurrentA + (Alpha(dtS, FilterTimeS) * (sample.CurrentA - FilteredCurrentA));
        }

        if (sample.RemainingFraction is { } gauge)
        {
            RemainingFraction = Math.Clamp(gauge, 0, 1);
        }
        else if (_pack is not null && double.IsFinite(sample.VoltageV) && currentOk)
        {
            UpdateFromVoltage(sample, dtS);
        }
        else
        {
            RemainingFraction = _capacityMah is > 0 ? Math.Clamp(1 - (ConsumedMah / _capacityMah.Value), 0, 1) : double.NaN;
        }

        RemainingTimeS = _capacityMah is > 0 && FilteredCurrentA > 0.1 && double.IsFinite(RemainingFraction)
            ? RemainingFraction * _capacityMah.Value * 3.6 / FilteredCurrentA
            : double.NaN;
    }

    private void UpdateFromVoltage(in BatterySample sample, double dtS)
    {
        BatteryPack pack = _pack!;
        double compensated = sample.VoltageV + (sample.CurrentA * CompensationResistanceOhm);
        CompensatedVoltageV = double.IsNaN(CompensatedVoltageV) ? compensated : CompensatedVoltageV + (Alpha(dtS, FilterTimeS) * (compensated - CompensatedVoltageV));
        VoltageStateOfCharge = pack.StateOfChargeAt(CompensatedVoltageV / pack.Cells);
        if (double.IsNaN(_stateOfCharge))
        {
            _stateOfCharge = VoltageStateOfCharge;
        }
        else
        {
            _stateOfCharge -= sample.CurrentA * dtS / (pack.CapacityMah * 3.6);
            double disagreement = VoltageStateOfCharge - _stateOfCharge;
            // Hysteresis: a fast correction runs until the two agree within a point. Near empty the curve is steep, so the
            // voltage says more than the count and is trusted more (PX4 weights its voltage estimate up at low charge).
            _correcting = Math.Abs(disagreement) > (_correcting ? 0.01 : DisagreementFraction);
            double lowCharge = Math.Clamp((2 * LowChargeFraction - VoltageStateOfCharge) / LowChargeFraction, 0, 1);
            double trustS = _correcting ? FastCorrectionTimeS : VoltageTrustTimeS + (lowCharge * (LowChargeTrustTimeS - VoltageTrustTimeS));
            _stateOfCharge += Alpha(dtS, trustS) * disagreement;
        }

        _stateOfCharge = Math.Clamp(_stateOfCharge, 0, 1);
        RemainingFraction = _stateOfCharge;
    }

    private static double Alpha(double dtS, double timeConstantS) => dtS <= 0 ? 0 : dtS / (timeConstantS + dtS);
}
