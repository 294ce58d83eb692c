namespace StrategicTech.Autopilot.Flight;

/// <summary>
/// One condition's debounce: it becomes active once its raw state has held for the delay, and clears only once
/// the raw state has been false for the hysteresis (<see cref="Latched"/>: never, until <see cref="Reset"/>).
/// A plain struct in an array: no allocation.
/// </summary>
internal struct FailsafeTrigger
{
    public const long Latched = long.MaxValue;

    private long _trueSinceUs;
    private long _falseSinceUs;

    public bool Active { get; private set; }

    public bool Update(long timeUs, bool raw, long delayUs, long clearUs)
    {
        if (raw)
        {
            _falseSinceUs = -1;
            if (_trueSinceUs < 0)
            {
                _trueSinceUs = timeUs;
            }

            if (!Active && timeUs - _trueSinceUs >= delayUs)
            {
                Active = true;
            }
        }
        else
        {
            _trueSinceUs = -1;
            if (Active)
            {
                if (_falseSinceUs < 0)
                {
                    _falseSinceUs = timeUs;
                }

                if (clearUs != Latched && timeUs - _falseSinceUs >= clearUs)
                {
                    Active = false;
                }
            }
        }

        return Active;
    }

    public void Reset()
    {
        _trueSinceUs = -1;
        _falseSinceUs = -1;
        Active = false;
    }
}
