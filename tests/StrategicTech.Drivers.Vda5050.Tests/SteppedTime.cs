namespace StrategicTech.Drivers.Vda5050.Tests;

/// <summary>A clock the test advances by hand (lease expiry without waiting).</summary>
internal sealed class SteppedTime(DateTimeOffset start) : TimeProvider
{
    private DateTimeOffset _now = start;

    public override DateTimeOffset GetUtcNow() => _now;

    public void Advance(TimeSpan by) => _now += by;
}
