namespace StrategicTech.Autopilot.Control;

/// <summary>
/// Maps acceleration to thrust: normalised hover thrust (PX4 MPC_THR_HOVER), collective limits (MPC_THR_MIN/MAX)
/// and the largest tilt of the thrust axis from vertical (MPC_TILTMAX_AIR).
/// </summary>
public readonly record struct ThrustAttitudeParameters(
    double HoverThrust,
    double MinThrust,
    double MaxThrust,
    double MaxTiltRad)
{
    public static ThrustAttitudeParameters Default => new(0.5, 0.08, 1.0, 45.0 * Math.PI / 180.0);

    public void Validate()
    {
        const string owner = nameof(ThrustAttitudeParameters);
        ParameterCheck.InRange(HoverThrust, 0.05, 0.95, owner, nameof(HoverThrust));
        ParameterCheck.InRange(MinThrust, 0.0, 0.5, owner, nameof(MinThrust));
        ParameterCheck.InRange(MaxThrust, 0.1, 1.0, owner, nameof(MaxThrust));
        ParameterCheck.InRange(MaxTiltRad, 1.0 * Math.PI / 180.0, 85.0 * Math.PI / 180.0, owner, nameof(MaxTiltRad));
        ParameterCheck.That(
            MinThrust < HoverThrust && HoverThrust < MaxThrust,
            owner,
            $"need MinThrust < HoverThrust < MaxThrust, got {MinThrust} / {HoverThrust} / {MaxThrust}");
    }
}
