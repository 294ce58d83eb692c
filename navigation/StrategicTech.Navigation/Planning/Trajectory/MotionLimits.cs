namespace StrategicTech.Navigation.Planning.Trajectory;

/// <summary>Speed (m/s), acceleration (m/s²) and jerk (m/s³) limits, all positive and finite.</summary>
public readonly record struct MotionLimits(double MaxSpeedMps, double MaxAccelerationMps2, double MaxJerkMps3)
{
    internal void Validate()
    {
        if (!(MaxSpeedMps > 0 && MaxAccelerationMps2 > 0 && MaxJerkMps3 > 0)
            || !double.IsFinite(MaxSpeedMps) || !double.IsFinite(MaxAccelerationMps2) || !double.IsFinite(MaxJerkMps3))
        {
            throw new ArgumentOutOfRangeException(nameof(MotionLimits), this, "speed, acceleration and jerk limits must be positive and finite");
        }
    }
}
