namespace StrategicTech.Navigation.Amr;

/// <summary>A body-frame velocity command for a planar base: forward m/s and yaw rate rad/s (CCW).</summary>
public readonly record struct VelocityCommand(double LinearMps, double AngularRadps)
{
    public static VelocityCommand Stop => default;
}
