namespace StrategicTech.Autopilot.Control.Detection;

/// <summary>
/// Decides that a landed vehicle has left the ground: thrust near hover and either climbing or risen above the point
/// where it landed, held for the confirmation time.
/// </summary>
public sealed class TakeoffDetector
{
    private readonly LandDetectorParameters parameters;
    private readonly long confirmUs;
    private Hysteresis confirm;

    public TakeoffDetector(LandDetectorParameters parameters)
    {
        parameters.Validate();
        this.parameters = parameters;
        confirmUs = (long)(parameters.TakeoffConfirmTimeS * 1e6);
    }

    public void Reset() => confirm.Reset();

    /// <summary>True when a takeoff is confirmed at <paramref name="timeUs"/>. <paramref name="groundDownM"/> is the NED down position at landing.</summary>
    public bool Update(long timeUs, in LandDetectorInput input, double groundDownM)
    {
        double climbRateMps = -input.VelocityNedMps.Z;
        double heightM = groundDownM - input.PositionDownM;
        bool thrustHigh = input.CollectiveThrust >= parameters.TakeoffThrustHoverRatio * input.HoverThrust;
        bool leaving = climbRateMps >= parameters.TakeoffClimbRateMps || heightM >= parameters.TakeoffHeightM;
        return confirm.Update(input.Armed && thrustHigh && leaving, timeUs, confirmUs);
    }
}
