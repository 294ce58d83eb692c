namespace StrategicTech.Autopilot.Control.Detection;

/// <summary>
/// Thresholds of the <see cref="MotorFailureDetector"/>. <see cref="TriggerTimeS"/> plays the part of PX4's
/// FD_ACT_MOT_TOUT (how long the symptom must hold); the loss threshold replaces PX4's current-to-throttle check
/// (FD_ACT_MOT_C2T), which needs ESC telemetry this detector does without.
/// </summary>
public readonly record struct MotorFailureDetectorParameters(
    double LossThreshold,
    double TriggerTimeS,
    double FilterTimeConstantS,
    double MinMotorThrust,
    double MaxOffAxisRatio)
{
    /// <summary>
    /// Loss above 25 % of the commanded thrust for 0.3 s, residuals averaged over 0.2 s, motors below 10 % thrust not
    /// judged, the residual within 0.5 of its length of one motor's direction.
    /// </summary>
    public static MotorFailureDetectorParameters Default => new(
        LossThreshold: 0.25,
        TriggerTimeS: 0.3,
        FilterTimeConstantS: 0.2,
        MinMotorThrust: 0.1,
        MaxOffAxisRatio: 0.5);

    public void Validate()
    {
        const string owner = nameof(MotorFailureDetectorParameters);
        ParameterCheck.InRange(LossThreshold, 0.05, 1, owner, nameof(LossThreshold));
        ParameterCheck.InRange(TriggerTimeS, 0.01, 5, owner, nameof(TriggerTimeS));
        ParameterCheck.InRange(FilterTimeConstantS, 0.01, 5, owner, nameof(FilterTimeConstantS));
        ParameterCheck.InRange(MinMotorThrust, 0.01, 0.9, owner, nameof(MinMotorThrust));
        ParameterCheck.InRange(MaxOffAxisRatio, 0.05, 1, owner, nameof(MaxOffAxisRatio));
    }
}
