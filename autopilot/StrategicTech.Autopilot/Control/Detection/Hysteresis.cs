namespace StrategicTech.Autopilot.Control.Detection;

/// <summary>True once a condition has held continuously for a given time (µs); false as soon as it drops.</summary>
public struct Hysteresis
{
    private long sinceUs;
    private bool holding;

    /// <summary>Feeds the condition at <paramref name="timeUs"/>; returns whether it has held for <paramref name="requiredUs"/>.</summary>
    public bool Update(bool condition, long timeUs, long requiredUs)
    {
        if (!condition)
        {
            holding = false;
            return false;
        }

        if (!holding || timeUs < sinceUs)
        {
            // Start timing (or restart if time went backwards, which only a replay reset can cause).
            holding = true;
            sinceUs = timeUs;
        }

        return timeUs - sinceUs >= requiredUs;
    }

    public void Reset() => holding = false;
}
