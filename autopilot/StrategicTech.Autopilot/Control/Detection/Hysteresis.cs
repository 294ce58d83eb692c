namespace StrategicTech.Autopilot.Control.Detection;

/// <summary>True once a condition has held continuously for a given time (µs); false as soon as it drops.</summary>
public struct Hysteresis
{
    private long _sinceUs;
    private bool _holding;

    /// <summary>Feeds the condition at <paramref name="timeUs"/>; returns whether it has held for <paramref name="requiredUs"/>.</summary>
    public bool Update(bool condition, long timeUs, long requiredUs)
    {
        if (!condition)
        {
            _holding = false;
            return false;
        }

        if (!_holding || timeUs < _sinceUs)
        {
            // Start timing (or restart if time went backwards, which only a replay reset can cause).
            _holding = true;
            _sinceUs = timeUs;
        }

        return timeUs - _sinceUs >= requiredUs;
    }

    public void Reset() => _holding = false;
}
