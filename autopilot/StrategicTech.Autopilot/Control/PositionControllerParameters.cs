namespace StrategicTech.Autopilot.Control;

/// <summary>Gains and speed limits of the NED position loop (PX4 MPC_XY_P, MPC_Z_P, MPC_XY_VEL_MAX, MPC_Z_VEL_MAX_UP/DN).</summary>
public readonly record struct PositionControllerParameters(
    double HorizontalGainPerS,
    double VerticalGainPerS,
    double MaxHorizontalSpeedMps,
    double MaxUpSpeedMps,
    double MaxDownSpeedMps)
{
    public static PositionControllerParameters Default => new(0.95, 1.0, 12.0, 3.0, 1.5);

    public void Validate()
    {
        const string owner = nameof(PositionControllerParameters);
        ParameterCheck.InRange(HorizontalGainPerS, 0, 10, owner, nameof(HorizontalGainPerS));
        ParameterCheck.InRange(VerticalGainPerS, 0, 10, owner, nameof(VerticalGainPerS));
        ParameterCheck.InRange(MaxHorizontalSpeedMps, 0.1, 50, owner, nameof(MaxHorizontalSpeedMps));
        ParameterCheck.InRange(MaxUpSpeedMps, 0.1, 20, owner, nameof(MaxUpSpeedMps));
        ParameterCheck.InRange(MaxDownSpeedMps, 0.1, 20, owner, nameof(MaxDownSpeedMps));
    }
}
