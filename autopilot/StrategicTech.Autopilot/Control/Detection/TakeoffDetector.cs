namespace StrategicTech.Autopilot.Control.Detection;

/// <summary>
/// Decides that a landed vehicle has left the ground: thrust near hover and either climbing or risen above the point
/// where it landed, held for the confirmation time.
/// </summary>
public sealed class TakeoffDetector
{
    private readonly LandDetectorParameters _parameters;
    private readonly long _confirmUs;
    private Hysteresis _confirm;

    public TakeoffDetector(LandDetectorParameters parameters)
    {
        parameters.Validate();
        _parameters = parameters;
        _confirmUs = (long)(parameters.TakeoffConfirmTimeS * 1e6);
    }

    public void Reset() => _confirm.Reset();

    /// <summary>True when a takeoff is confirmed at <paramref name="timeUs"/>. <paramref name="groundDownM"/> is the NED down position at landing.</summary>
    public bool Update(long timeUs, in LandDetectorInput input, double groundDownM)
    {
        double climbRateMps = -input.VelocityNedMps.Z;
        double heightM = groundDownM - input.PositionDownM;
        bool thrustHigh = input.CollectiveThrust >= _parameters.TakeoffThrustHoverRatio * input.HoverThrust;
        bool leaving = climbRateMps >= _parameters.TakeoffClimbRateMps || heightM >= _parameters.TakeoffHeightM;
        return _confirm.Update(input.Armed && thrustHigh && leaving, timeUs, _confirmUs);
    }
}
