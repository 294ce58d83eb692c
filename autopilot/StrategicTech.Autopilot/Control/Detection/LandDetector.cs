using StrategicTech.Navigation.Numerics;

namespace StrategicTech.Autopilot.Control.Detection;

/// <summary>
/// Multirotor land detector. Ground contact: barely moving with thrust below a fraction of hover. Maybe landed:
/// additionally at minimum thrust (plus a tenth of the way to hover) and not rotating. Landed: maybe-landed for the full
/// trigger time, or disarmed. Landed is left only through the <see cref="TakeoffDetector"/>. Time comes in as µs.
/// </summary>
public sealed class LandDetector
{
    private readonly LandDetectorParameters parameters;
    private readonly TakeoffDetector takeoff;
    private readonly long stageUs;
    private readonly long triggerUs;
    private Hysteresis groundContact;
    private Hysteresis maybeLanded;
    private Hysteresis landed;
    private double groundDownM;

    public LandDetector(LandDetectorParameters parameters)
    {
        parameters.Validate();
        this.parameters = parameters;
        takeoff = new TakeoffDetector(parameters);
        triggerUs = (long)(parameters.TriggerTimeS * 1e6);
        stageUs = triggerUs / 3;
        State = LandState.Landed;
    }

    public LandState State { get; private set; }

    /// <summary>True on the update where the state became <see cref="LandState.Landed"/>.</summary>
    public bool JustLanded { get; private set; }

    /// <summary>True on the update where a takeoff was confirmed.</summary>
    public bool JustTookOff { get; private set; }

    /// <summary>NED down position (m) where the vehicle last landed, used to measure the height of a takeoff.</summary>
    public double GroundDownM => groundDownM;

    /// <summary>Starts over in the landed state at the given ground level (e.g. on the ground before arming).</summary>
    public void Reset(double groundDownM)
    {
        this.groundDownM = groundDownM;
        State = LandState.Landed;
        groundContact.Reset();
        maybeLanded.Reset();
        landed.Reset();
        takeoff.Reset();
    }

    public LandState Update(long timeUs, in LandDetectorInput input)
    {
        LandState previous = State;
        JustLanded = false;
        JustTookOff = false;

        if (!input.Armed)
        {
            State = LandState.Landed;
            groundDownM = input.PositionDownM;
            groundContact.Reset();
            maybeLanded.Reset();
            landed.Reset();
            takeoff.Reset();
            JustLanded = previous != LandState.Landed;
            return State;
        }

        if (State == LandState.Landed)
        {
            if (takeoff.Update(timeUs, input, groundDownM))
            {
                State = LandState.Flying;
                JustTookOff = true;
                groundContact.Reset();
                maybeLanded.Reset();
                landed.Reset();
            }

            return State;
        }

        Vector3 v = input.VelocityNedMps;
        bool still = Math.Abs(v.Z) <= parameters.MaxClimbRateMps
            && VectorLimits.HorizontalLength(v) <= parameters.MaxHorizontalSpeedMps;
        bool belowHover = input.CollectiveThrust <= parameters.LowThrustHoverRatio * input.HoverThrust;
        double lowThrust = parameters.MinThrust + (0.1 * (input.HoverThrust - parameters.MinThrust));
        bool atMinimum = input.CollectiveThrust <= lowThrust;
        bool notRotating = input.BodyRateRadps.Length <= parameters.MaxRotationRadps;

        bool contactHeld = groundContact.Update(still && belowHover, timeUs, stageUs);
        bool maybeCondition = still && belowHover && atMinimum && notRotating;
        bool maybeHeld = maybeLanded.Update(maybeCondition, timeUs, stageUs);
        bool landedHeld = landed.Update(maybeCondition, timeUs, triggerUs);

        State = landedHeld ? LandState.Landed
            : maybeHeld ? LandState.MaybeLanded
            : contactHeld ? LandState.GroundContact
            : LandState.Flying;

        if (State == LandState.Landed)
        {
            JustLanded = true;
            groundDownM = input.PositionDownM;
            takeoff.Reset();
        }

        return State;
    }
}
