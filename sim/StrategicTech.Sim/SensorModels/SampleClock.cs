namespace StrategicTech.Sim.SensorModels;

/// <summary>
/// Decides when a sensor with a fixed output rate is due. Due times advance by whole periods in integer µs, so the
/// rate does not drift, and a sample is taken at the first step at or after each due time.
/// </summary>
internal struct SampleClock
{
    private readonly long _periodUs;
    private long _nextDueUs;
    private bool _started;

    public SampleClock(double rateHz)
    {
        if (!(rateHz > 0) || !double.IsFinite(rateHz))
        {
            throw new ArgumentOutOfRangeException(nameof(rateHz), rateHz, "sensor rate must be a positive number of Hz");
        }

        _periodUs = Math.Max(1, (long)Math.Round(1e6 / rateHz));
        _nextDueUs = 0;
        _started = false;
    }

    public readonly long PeriodUs => _periodUs;

    public bool IsDue(long timeUs)
    {
        if (!_started)
        {
            _started = true;
            _nextDueUs = timeUs;
        }

        if (timeUs < _nextDueUs)
        {
            return false;
        }

        _nextDueUs += _periodUs;
        if (_nextDueUs <= timeUs)
        {
            // Stepped past several periods (coarse physics step): resynchronise rather than burst.
            _nextDueUs = timeUs + _periodUs;
        }

        return true;
    }
}
