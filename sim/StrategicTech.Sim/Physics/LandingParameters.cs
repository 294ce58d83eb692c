namespace StrategicTech.Sim.Physics;

/// <summary>Ground-contact limits: a touchdown faster or more tilted than these is a crash.</summary>
public sealed record LandingParameters(double MaxTouchdownSpeedMps, double MaxTouchdownTiltRad)
{
    public static LandingParameters Default { get; } = new(3.0, 60.0 * Math.PI / 180);
}
