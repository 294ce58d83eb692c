using StrategicTech.Navigation.Numerics;

namespace StrategicTech.Autopilot.Control.Detection;

/// <summary>
/// Multirotor land detector. Ground contact: barely moving with thrust below a fraction of hover. Maybe landed:
/// additionally at minimum thrust (plus a tenth of the way to hover) and not rotating. Landed: maybe-landed for the full
/// trigger time, or disarmed. Landed is left only through the <see cref="TakeoffDetector"/>. Time comes in as µs.
/// </summary>
public sealed class LandDetector
{
    private readonly LandDetectorParameters _parameters;
    private readonly TakeoffDetector _takeoff;
    private readonly long _stageUs;
    private readonly long _triggerUs;
    private Hysteresis _groundContact;
    private Hysteresis _maybeLanded;
    private Hysteresis _landed;
    private double _groundDownM;

    public LandDetector(LandDetectorParameters parameters)
    {
        parameters.Validate();
        _parameters = parameters;
        _takeoff = new TakeoffDetector(parameters);
        _triggerUs = (long)(parameters.TriggerTimeS * 1e6);
        _stageUs = _triggerUs / 3;
        State = LandState.Landed;
    }

    public LandState State { get; private set; }

    /// <summary>True on the update where the state became <see cref="LandState.Landed"/>.</summary>
    public bool JustLanded { get; private set; }

    /// <summary>True on the update where a takeoff was confirmed.</summary>
    public bool JustTookOff { get; private set; }

    /// <summary>NED down position (m) where the vehicle last landed, used to measure the height of a takeoff.</summary>
    public double GroundDownM => _groundDownM;

    /// <summary>Starts over in the landed state at the given ground level (e.g. on the ground before arming).</summary>
    public void Reset(double groundDownM)
    {
        _groundDownM = groundDownM;
        State = LandState.Landed;
        _groundContact.Reset();
        _maybeLanded.Reset();
        _landed.Reset();
        _takeoff.Reset();
    }

    public LandState Update(long timeUs, in LandDetectorInput input)
    {
        LandState previous = State;
        JustLanded = false;
        JustTookOff = false;

        if (!input.Armed)
        {
            State = LandState.Landed;
            _groundDownM = input.PositionDownM;
            _groundContact.Reset();
            _maybeLanded.Reset();
            _landed.Reset();
            _takeoff.Reset();
            JustLanded = previous != LandState.Landed;
            return State;
        }

        if (State == LandState.Landed)
        {
            if (_takeoff.Update(timeUs, input, _groundDownM))
            {
                State = LandState.Flying;
                JustTookOff = true;
                _groundContact.Reset();
                _maybeLanded.Reset();
                _landed.Reset();
            }

            return State;
        }

        Vector3 v = input.VelocityNedMps;
        bool still = Math.Abs(v.Z) <= _parameters.MaxClimbRateMps
            && VectorLimits.HorizontalLength(v) <= _parameters.MaxHorizontalSpeedMps;
        bool belowHover = input.CollectiveThrust <= _parameters.LowThrustHoverRatio * input.HoverThrust;
        double lowThrust = _parameters.MinThrust + (0.1 * (input.HoverThrust - _parameters.MinThrust));
        bool atMinimum = input.CollectiveThrust <= lowThrust;
        bool notRotating = input.BodyRateRadps.Length <= _parameters.MaxRotationRadps;

        bool contactHeld = _groundContact.Update(still && belowHover, timeUs, _stageUs);
        bool maybeCondition = still && belowHover && atMinimum && notRotating;
        bool maybeHeld = _maybeLanded.Update(maybeCondition, timeUs, _stageUs);
        bool landedHeld = _landed.Update(maybeCondition, timeUs, _triggerUs);

        State = landedHeld ? LandState.Landed
            : maybeHeld ? LandState.MaybeLanded
            : contactHeld ? LandState.GroundContact
            : LandState.Flying;

        if (State == LandState.Landed)
        {
            JustLanded = true;
            _groundDownM = input.PositionDownM;
            _takeoff.Reset();
        }

        return State;
    }
}
