namespace StrategicTech.Autopilot.Control;

/// <summary>
/// Attitude loop gains (rate per rad of error, PX4 MC_ROLL_P / MC_PITCH_P / MC_YAW_P) and body-rate limits
/// (MC_ROLLRATE_MAX / MC_PITCHRATE_MAX / MC_YAWRATE_MAX). A yaw gain below the roll/pitch gains lets the heading
/// converge after the tilt.
/// </summary>
public readonly record struct AttitudeControllerParameters(
    double RollGainPerS,
    double PitchGainPerS,
    double YawGainPerS,
    double MaxRollRateRadps,
    double MaxPitchRateRadps,
    double MaxYawRateRadps)
{
    private const double DegToRad = Math.PI / 180.0;

    public static AttitudeControllerParameters Default => new(6.5, 6.5, 2.8, 220 * DegToRad, 220 * DegToRad, 200 * DegToRad);

    public void Validate()
    {
        const string owner = nameof(AttitudeControllerParameters);
        ParameterCheck.InRange(RollGainPerS, 0, 20, owner, nameof(RollGainPerS));
        ParameterCheck.InRange(PitchGainPerS, 0, 20, owner, nameof(PitchGainPerS));
        ParameterCheck.InRange(YawGainPerS, 0, 20, owner, nameof(YawGainPerS));
        ParameterCheck.InRange(MaxRollRateRadps, 0.1, 30, owner, nameof(MaxRollRateRadps));
        ParameterCheck.InRange(MaxPitchRateRadps, 0.1, 30, owner, nameof(MaxPitchRateRadps));
        ParameterCheck.InRange(MaxYawRateRadps, 0.1, 30, owner, nameof(MaxYawRateRadps));
    }
}
