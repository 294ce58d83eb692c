using StrategicTech.Autopilot.Control;
using StrategicTech.Autopilot.Control.Detection;
using StrategicTech.Navigation.Numerics;

namespace StrategicTech.Autopilot.Flight;

/// <summary>
/// The navigator (PX4's navigator and auto flight task in one): the autonomous setpoint generator beneath the
/// flight modes of a multirotor: arm, take off, hold, go to a point, land and disarm. It takes the
/// estimated state (never truth) at the position-loop rate and produces the trajectory setpoint for
/// <see cref="MulticopterCascade.UpdatePosition"/>. Targets are approached along a straight line by a setpoint that
/// moves at the mode's speed (with matching velocity feed-forward), so the position loop never sees a step larger than
/// one update's travel. Landing commands a constant descent rate; the <see cref="LandDetector"/> confirms touchdown
/// and the vehicle disarms. Commands are rejected (return false) in modes where they make no sense. No allocation
/// after construction.
/// </summary>
public sealed class Navigator
{
    private const long LandSettleUs = 2_000_000;
    private const long StallConfirmUs = 500_000;
    private const long ThrustRampUs = 1_000_000;

    // The profile creeps in at this speed instead of decaying towards the target for ever.
    private const double MinimumApproachSpeedMps = 0.2;

    // Jerk per m/s of speed error near the target speed (full jerk beyond 0.1 m/s): no chatter of one jerk step.
    private const double JerkGainPerS2 = 40;

    // Extra velocity per metre of cross-track error (1/s), added to the position loop's MPC_XY_P.
    private const double CrossTrackGainPerS = 0.6;

    private FlightParameters _parameters;
    private readonly LandDetector _landDetector;
    private Vector3 _target;
    private Vector3 _carrot;
    private Vector3 _lineStart;
    private double _speedMps;
    private double _carrotSpeedMps;
    private double _carrotAccelerationMps2;
    private double _yawRad;
    private bool _carrotArrived;
    private long _landStartUs;
    private long _stalledSinceUs = -1;
    private Vector3 _lastPositionNedM;

    public Navigator(FlightParameters parameters, LandDetectorParameters landDetectorParameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        _parameters = parameters;
        _landDetector = new LandDetector(landDetectorParameters);
    }

    public AutoState State { get; private set; }

    public FlightParameters Parameters => _parameters;

    /// <summary>Heading the autonomous states hold (rad).</summary>
    public double YawRad => _yawRad;

    public bool Armed => State != AutoState.Disarmed;

    /// <summary>Estimated position at arming (NED, m): the launch point for return and landing.</summary>
    public Vector3 HomeNedM { get; private set; }

    /// <summary>Where the current mode is heading (NED, m).</summary>
    public Vector3 TargetNedM => _target;

    public MulticopterSetpoint Setpoint { get; private set; }

    /// <summary>
    /// Upper bound on the collective thrust (normalised). 1 except after touchdown while landing: the position
    /// loop's acceleration limits keep its thrust near hover on the ground, so the mode ramps it down to let the
    /// land detector see minimum thrust (and to stop pushing against the ground).
    /// </summary>
    public double ThrustLimit { get; private set; } = 1.0;

    public LandState LandState => _landDetector.State;

    /// <summary>True once the setpoint has arrived at the target and the estimate is within the acceptance radius.</summary>
    public bool TargetReached { get; private set; }

    /// <summary>True once the moving setpoint of a takeoff or goto has arrived at the target.</summary>
    public bool SetpointArrived => _carrotArrived;

    /// <summary>Counts rejected commands (wrong mode, non-finite target).</summary>
    public int RejectedCommandCount { get; private set; }

    /// <summary>Arms on the ground: home and heading are taken from the estimate; the vehicle holds on the spot.</summary>
    public bool Arm(in MulticopterState state)
    {
        if (State != AutoState.Disarmed || !state.PositionNedM.IsFinite)
        {
            return Reject();
        }

        HomeNedM = state.PositionNedM;
        _lastPositionNedM = state.PositionNedM;
        Setpoint = MulticopterSetpoint.Hold(state.PositionNedM, state.AttitudeNed.ToEuler().Z);
        _yawRad = state.AttitudeNed.ToEuler().Z;
        _landDetector.Reset(state.PositionNedM.Z);
        StartHold(state.PositionNedM);
        return true;
    }

    /// <summary>Replaces the speeds and tolerances (on a parameter change; takes effect at the next update).</summary>
    public void Configure(FlightParameters value)
    {
        ArgumentNullException.ThrowIfNull(value);
        _parameters = value;
    }

    /// <summary>Sets the heading held from now on (ignored when not finite).</summary>
    public void SetYaw(double yawRadians)
    {
        if (double.IsFinite(yawRadians))
        {
            _yawRad = yawRadians;
        }
    }

    /// <summary>Holds at <paramref name="positionNedM"/> at once (entering Hold from another mode).</summary>
    public bool HoldAt(Vector3 positionNedM)
    {
        if (State == AutoState.Disarmed || !positionNedM.IsFinite)
        {
            return Reject();
        }

        StartHold(positionNedM);
        return true;
    }

    /// <summary>Hands the setpoint to the caller (manual and offboard modes): only the land detector keeps running.</summary>
    public bool EnterExternal()
    {
        if (State == AutoState.Disarmed)
        {
            return Reject();
        }

        State = AutoState.External;
        TargetReached = false;
        return true;
    }

    /// <summary>The setpoint of the external state (components may be NaN: velocity-only axes).</summary>
    public void SetExternalSetpoint(in MulticopterSetpoint setpoint)
    {
        Setpoint = setpoint;
        SetYaw(setpoint.YawRad);
    }

    /// <summary>Climbs vertically to <paramref name="heightM"/> above home, then holds.</summary>
    public bool Takeoff(double heightM)
    {
        if (State == AutoState.Disarmed || !double.IsFinite(heightM) || heightM <= 0)
        {
            return Reject();
        }

        Vector3 from = Reference();
        StartLine(AutoState.Takeoff, new Vector3(from.X, from.Y, HomeNedM.Z - heightM), _parameters.TakeoffSpeedMps);
        return true;
    }

    /// <summary>Flies a straight line to <paramref name="targetNedM"/> at <paramref name="speedMps"/> (cruise speed when not positive; the position loop caps it at MPC_XY_VEL_MAX / MPC_Z_VEL_MAX_*), then holds there.</summary>
    public bool GoTo(Vector3 targetNedM, double speedMps = 0)
    {
        if (State is AutoState.Disarmed or AutoState.Land || !targetNedM.IsFinite)
        {
            return Reject();
        }

        StartLine(AutoState.Goto, targetNedM, double.IsFinite(speedMps) && speedMps > 0 ? speedMps : _parameters.CruiseSpeedMps);
        return true;
    }

    /// <summary>Descends at the landing speed over the current horizontal setpoint, disarming on touchdown.</summary>
    public bool Land()
    {
        if (State == AutoState.Disarmed)
        {
            return Reject();
        }

        State = AutoState.Land;
        _landStartUs = -1;
        _stalledSinceUs = -1;
        _target = Reference();
        TargetReached = false;
        return true;
    }

    /// <summary>Disarms at once (motors stop). Allowed on the ground only unless <paramref name="force"/>.</summary>
    public bool Disarm(bool force = false)
    {
        if (State == AutoState.Disarmed || (!force && _landDetector.State != LandState.Landed))
        {
            return Reject();
        }

        State = AutoState.Disarmed;
        return true;
    }

    /// <summary>
    /// One position-loop update: advances the mode and its setpoint. <paramref name="collectiveThrust"/> is the
    /// thrust the cascade commanded on the previous update (for the land detector).
    /// </summary>
    public void Update(long timeUs, double dtS, in MulticopterState state, double collectiveThrust)
    {
        var detectorInput = new LandDetectorInput(Armed, collectiveThrust, _parameters.HoverThrust, state.VelocityNedMps,
            state.BodyRateRadps, state.PositionNedM.Z);
        _landDetector.Update(timeUs, detectorInput);
        _lastPositionNedM = state.PositionNedM;
        ThrustLimit = 1.0;

        switch (State)
        {
            case AutoState.Disarmed:
                Setpoint = MulticopterSetpoint.Hold(state.PositionNedM, _yawRad);
                break;
            case AutoState.Takeoff:
            case AutoState.Goto:
                AdvanceLine(dtS, state);
                if (TargetReached)
                {
                    StartHold(_target);
                    TargetReached = true;
                }

                break;
            case AutoState.External:
                break;
            case AutoState.Hold:
                Setpoint = MulticopterSetpoint.Hold(_target, _yawRad);
                TargetReached = Distance(state.PositionNedM, _target) <= _parameters.AcceptanceRadiusM;
                break;
            case AutoState.Land:
                // Vertical: constant descent-rate feed-forward about the current height, so the velocity loop
                // winds the thrust down once the ground stops the vehicle, which the land detector needs.
                var landPoint = new Vector3(_target.X, _target.Y, state.PositionNedM.Z);
                double heightAboveHomeM = HomeNedM.Z - state.PositionNedM.Z;
                double descentMps = heightAboveHomeM > _parameters.LandCrawlHeightM ? _parameters.LandSpeedMps : Math.Min(_parameters.LandSpeedMps, _parameters.LandCrawlSpeedMps);
                Setpoint = new MulticopterSetpoint(landPoint, new Vector3(0, 0, descentMps), default, _yawRad, 0);
                ThrustLimit = TouchdownThrustLimit(timeUs, state);
                if (_landDetector.JustLanded || _landDetector.State == LandState.Landed)
                {
                    State = AutoState.Disarmed;
                    TargetReached = true;
                }

                break;
        }
    }

    /// <summary>
    /// Touchdown is suspected once the descent has stalled (below a quarter of the landing speed) for
    /// <see cref="StallConfirmUs"/>, at least <see cref="LandSettleUs"/> after landing began; the limit then
    /// ramps from hover thrust to zero over <see cref="ThrustRampUs"/>. Descending again cancels it.
    /// </summary>
    private double TouchdownThrustLimit(long timeUs, in MulticopterState state)
    {
        if (_landStartUs < 0)
        {
            _landStartUs = timeUs;
        }

        bool stalled = state.VelocityNedMps.Z < 0.25 * Math.Min(_parameters.LandSpeedMps, _parameters.LandCrawlSpeedMps) && timeUs - _landStartUs >= LandSettleUs;
        if (!stalled)
        {
            _stalledSinceUs = -1;
            return 1.0;
        }

        if (_stalledSinceUs < 0)
        {
            _stalledSinceUs = timeUs;
        }

        long rampUs = timeUs - _stalledSinceUs - StallConfirmUs;
        if (rampUs < 0)
        {
            return 1.0;
        }

        return Math.Max(0, _parameters.HoverThrust * (1 - ((double)rampUs / ThrustRampUs)));
    }

    private void StartHold(Vector3 positionNedM)
    {
        State = AutoState.Hold;
        _target = positionNedM;
        _carrot = positionNedM;
        _carrotArrived = true;
        Setpoint = MulticopterSetpoint.Hold(positionNedM, _yawRad);
    }

    private void StartLine(AutoState mode, Vector3 targetNedM, double speed)
    {
        State = mode;
        _carrot = Reference();
        _lineStart = _carrot;
        _target = targetNedM;
        _speedMps = speed;
        _carrotArrived = false;
        _carrotSpeedMps = 0;
        _carrotAccelerationMps2 = 0;
        TargetReached = false;
    }

    /// <summary>
    /// Moves the carrot along the line with a jerk-limited speed profile (PX4's auto trajectory): its acceleration
    /// changes at most at MPC_JERK_AUTO and stays within MPC_ACC_HOR, it cruises at the mode's speed and brakes on a
    /// curve that leaves room for the jerk ramps, so the tilt the profile asks for is continuous (the old trapezoid
    /// stepped the acceleration feed-forward to MPC_ACC_HOR at each leg start, and the attitude loop overshot it).
    /// Velocity and acceleration feed-forward are the profile's own.
    /// </summary>
    private void AdvanceLine(double dtS, in MulticopterState state)
    {
        // PX4's time stretch: while the vehicle lags behind the carrot, the profile runs slower (stops at
        // MPC_XY_ERR_MAX), so the carrot never runs away along the line and the position error stays mostly the
        // cross-track error the position loop is there to correct.
        dtS *= LineTracking.TimeStretch(_carrot, state.PositionNedM, _target - _lineStart, _parameters.MaxTrackErrorM);
        Vector3 toTarget = _target - _carrot;
        double remaining = toTarget.Length;
        double accelerationMps2 = _parameters.BrakeAccelerationMps2;
        double jerkMps3 = _parameters.AutoJerkMps3;
        double a0 = _carrotAccelerationMps2, v0 = _carrotSpeedMps;

        // Where the profile would be once a positive acceleration is ramped out at the jerk limit: the braking
        // decision is taken from there, so a short leg brakes in time even while still accelerating.
        double rampS = Math.Max(a0, 0) / jerkMps3;
        double rampDistanceM = (v0 * rampS) + (a0 * rampS * rampS / 2) - (jerkMps3 * rampS * rampS * rampS / 6);
        double allowedMps = Math.Min(_speedMps, Math.Max(StoppableSpeed(remaining - rampDistanceM, accelerationMps2, jerkMps3), MinimumApproachSpeedMps));

        // The speed the profile settles at if its acceleration is ramped out now; the jerk drives that to the allowed speed.
        double errorMps = allowedMps - (v0 + (a0 * Math.Abs(a0) / (2 * jerkMps3)));
        double jerkCommandMps3 = Math.Clamp(JerkGainPerS2 * errorMps, -jerkMps3, jerkMps3);
        _carrotAccelerationMps2 = Math.Clamp(a0 + (jerkCommandMps3 * dtS), -accelerationMps2, accelerationMps2);
        _carrotSpeedMps = v0 + (_carrotAccelerationMps2 * dtS);
        if (_carrotSpeedMps <= 0)
        {
            _carrotSpeedMps = 0;
            _carrotAccelerationMps2 = Math.Max(0, _carrotAccelerationMps2);
        }

        double step = _carrotSpeedMps * dtS;
        Vector3 feedForward = Vector3.Zero;
        Vector3 accelerationFeedForward = Vector3.Zero;
        if (remaining <= Math.Max(step, 1e-3))
        {
            _carrot = _target;
            _carrotArrived = true;
            _carrotSpeedMps = 0;
            _carrotAccelerationMps2 = 0;
        }
        else
        {
            Vector3 direction = toTarget / remaining;
            _carrot += direction * step;
            feedForward = direction * _carrotSpeedMps;
            accelerationFeedForward = direction * _carrotAccelerationMps2;
        }

        // Cross-track correction on top of the position loop's: the part of the error across the leg is what
        // curves the path in a crosswind, so it is driven back harder than the error along it.
        feedForward += LineTracking.CrossTrackToLine(_lineStart, _target - _lineStart, state.PositionNedM) * CrossTrackGainPerS;

        Setpoint = new MulticopterSetpoint(_carrot, feedForward, accelerationFeedForward, _yawRad, 0);
        TargetReached = _carrotArrived && Distance(state.PositionNedM, _target) <= _parameters.AcceptanceRadiusM;
    }

    /// <summary>
    /// The highest speed from which a stop within <paramref name="distanceM"/> is possible when the deceleration is
    /// ramped in at <paramref name="jerkMps3"/> to <paramref name="accelerationMps2"/>: the stop takes at most
    /// v²/(2a) + v·a/j (each jerk ramp lasts a/j at no more than v), solved for v.
    /// </summary>
    internal static double StoppableSpeed(double distanceM, double accelerationMps2, double jerkMps3)
    {
        double rampMps = accelerationMps2 * accelerationMps2 / jerkMps3;
        return -rampMps + Math.Sqrt((rampMps * rampMps) + (2 * accelerationMps2 * Math.Max(0, distanceM)));
    }

    /// <summary>Where a new line starts: the current setpoint, or the estimate when the setpoint is not a full position.</summary>
    private Vector3 Reference() => Setpoint.PositionNedM.IsFinite ? Setpoint.PositionNedM : _lastPositionNedM;

    private static double Distance(Vector3 a, Vector3 b) => (a - b).Length;

    private bool Reject()
    {
        RejectedCommandCount++;
        return false;
    }
}
