namespace StrategicTech.Autopilot.Control.Detection;

/// <summary>
/// Thresholds of the land and takeoff detectors (PX4 LNDMC_Z_VEL_MAX, LNDMC_XY_VEL_MAX, LNDMC_ROT_MAX,
/// LNDMC_TRIG_TIME; thrust thresholds relative to hover). Ground contact and maybe-landed each need a third of
/// the trigger time, landed the full trigger time.
/// </summary>
public readonly record struct LandDetectorParameters(
    double MaxClimbRateMps,
    double MaxHorizontalSpeedMps,
    double MaxRotationRadps,
    double TriggerTimeS,
    double MinThrust,
    double LowThrustHoverRatio,
    double TakeoffThrustHoverRatio,
    double TakeoffClimbRateMps,
    double TakeoffHeightM,
    double TakeoffConfirmTimeS)
{
    public static LandDetectorParameters Default => new(
        MaxClimbRateMps: 0.5,
        MaxHorizontalSpeedMps: 1.5,
        MaxRotationRadps: 20.0 * Math.PI / 180.0,
        TriggerTimeS: 1.0,
        MinThrust: 0.08,
        LowThrustHoverRatio: 0.6,
        TakeoffThrustHoverRatio: 0.8,
        TakeoffClimbRateMps: 0.3,
        TakeoffHeightM: 0.5,
        TakeoffConfirmTimeS: 0.2);

    public void Validate()
    {
        const string owner = nameof(LandDetectorParameters);
        ParameterCheck.InRange(MaxClimbRateMps, 0.05, 5, owner, nameof(MaxClimbRateMps));
        ParameterCheck.InRange(MaxHorizontalSpeedMps, 0.05, 10, owner, nameof(MaxHorizontalSpeedMps));
        ParameterCheck.InRange(MaxRotationRadps, 0.01, 10, owner, nameof(MaxRotationRadps));
        ParameterCheck.InRange(TriggerTimeS, 0.05, 10, owner, nameof(TriggerTimeS));
        ParameterCheck.InRange(MinThrust, 0, 0.5, owner, nameof(MinThrust));
        ParameterCheck.InRange(LowThrustHoverRatio, 0.1, 1.0, owner, nameof(LowThrustHoverRatio));
        ParameterCheck.InRange(TakeoffThrustHoverRatio, 0.1, 2.0, owner, nameof(TakeoffThrustHoverRatio));
        ParameterCheck.InRange(TakeoffClimbRateMps, 0.05, 5, owner, nameof(TakeoffClimbRateMps));
        ParameterCheck.InRange(TakeoffHeightM, 0.05, 10, owner, nameof(TakeoffHeightM));
        ParameterCheck.InRange(TakeoffConfirmTimeS, 0, 5, owner, nameof(TakeoffConfirmTimeS));
    }
}
