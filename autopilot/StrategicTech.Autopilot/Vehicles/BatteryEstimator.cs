using StrategicTech.Autopilot.Hal;

namespace StrategicTech.Autopilot.Vehicles;

/// <summary>
/// The vehicle's battery state from its battery monitor (never from anything else). Voltage and current are the
/// monitor's; charge drawn and remaining fraction are the monitor's when it reports them (coulomb counter, fuel
/// gauge), otherwise the current is integrated over the readings' time stamps and set against the pack capacity.
/// Before the first reading, and without a capacity, the unknown values are NaN (the arming check and telemetry
/// treat NaN as "not measured").
/// </summary>
public sealed class BatteryEstimator(double? capacityMah)
{
    private long _lastTimeUs = -1;
    private double _integratedMah;

    public double VoltageV { get; private set; } = double.NaN;

    public double CurrentA { get; private set; } = double.NaN;

    public double ConsumedMah { get; private set; } = double.NaN;

    /// <summary>Remaining fraction of the pack, 0..1; NaN when unknown.</summary>
    public double RemainingFraction { get; private set; } = double.NaN;

    public void Update(in BatterySample sample)
    {
        if (_lastTimeUs >= 0 && sample.TimeUs > _lastTimeUs && double.IsFinite(sample.CurrentA))
        {
            // mAh = A · s / 3.6
            _integratedMah += sample.CurrentA * (sample.TimeUs - _lastTimeUs) * 1e-6 / 3.6;
        }

        _lastTimeUs = sample.TimeUs;
        VoltageV = sample.VoltageV;
        CurrentA = sample.CurrentA;
        ConsumedMah = sample.ConsumedMah ?? _integratedMah;
        RemainingFraction = sample.RemainingFraction
            ?? (capacityMah is > 0 ? Math.Clamp(1 - (ConsumedMah / capacityMah.Value), 0, 1) : double.NaN);
    }
}
