namespace StrategicTech.Autopilot.Flight;

/// <summary>
/// The failsafe ladder (PX4's failsafe state machine): once per position update every condition is debounced
/// (<see cref="FailsafeTrigger"/>: a delay before it holds, a hysteresis before it clears, battery levels, motor
/// failure and crash latched until disarm), each active condition maps to its configured action, and the most
/// severe active action wins (None &lt; Warn &lt; Hold &lt; Return &lt; Land &lt; Disarm &lt; Terminate; a tie goes to the later
/// <see cref="FailsafeKind"/>, the more specific). A decision is
/// returned only when the winner is more severe than the action already taken since the conditions last all
/// cleared, so the pilot may take over after a failsafe and an escalation (critical → emergency battery) still
/// acts. Hold and Return without a position, and Return without a home, become Land.
/// <para>
/// Conditions (delay / clear): manual input lost in a manual mode, or a heard RC receiver lost in any mode but
/// Return, Land and those COM_RCL_EXCEPT exempts (in COM_RC_LOSS_T; NAV_RCL_ACT), offboard setpoints
/// lost in Offboard (in COM_OF_LOSS_T; Hold), ground-station link lost (in COM_DL_LOSS_T / 1 s; NAV_DLL_ACT),
/// battery low / critical / emergency (1 s / latched; warning, then COM_LOW_BAT_ACT), position aiding lost
/// (COM_POS_FS_DELAY / 1 s; Land), estimator test ratio above FS_EKF_THRESH (COM_POS_FS_DELAY / 1 s; Land),
/// geofence breached (0 / 1 s; GF_ACTION), motor failure (0 / latched; COM_ACT_FAIL_ACT), flight time above
/// COM_FLT_TIME_MAX (0 / latched; Return), roll or pitch beyond FD_FAIL_R / FD_FAIL_P (FD_FAIL_R_TTRI / latched;
/// Terminate), a hard impact from the impact detector (0 / latched; Disarm). The conditions are judged disarmed too (<see cref="ArmingBlocker"/> for the pre-arm check); actions
/// only armed. No allocation (texts are built once in <see cref="FailsafeTexts"/>).
/// </para>
/// </summary>
public sealed class FailsafeMonitor
{
    private const long ClearUs = 1_000_000;
    private const long BatteryDelayUs = 1_000_000;

    private readonly FailsafeTrigger[] _triggers = new FailsafeTrigger[FailsafeTexts.KindCount];
    private readonly FailsafeAction[] _actions = new FailsafeAction[FailsafeTexts.KindCount];
    private int _appliedSeverity;

    public FailsafeMonitor() => Reset();

    /// <summary>Bit (1 &lt;&lt; kind) per active condition.</summary>
    public uint ActiveConditions { get; private set; }

    /// <summary>The most severe active condition (None when none).</summary>
    public FailsafeKind ActiveKind { get; private set; }

    /// <summary>The action of <see cref="ActiveKind"/>.</summary>
    public FailsafeAction ActiveAction { get; private set; }

    /// <summary>
    /// The first active condition that must refuse arming (all but the mode-bound stick and offboard losses, which
    /// the mode check covers); None when arming may go ahead.
    /// </summary>
    public FailsafeKind ArmingBlocker
    {
        get
        {
            uint mask = ActiveConditions & ~((1u << (int)FailsafeKind.ManualInputLost) | (1u << (int)FailsafeKind.OffboardLost));
            return mask == 0 ? FailsafeKind.None : (FailsafeKind)System.Numerics.BitOperations.TrailingZeroCount(mask);
        }
    }

    public bool IsActive(FailsafeKind kind) => (ActiveConditions & (1u << (int)kind)) != 0;

    /// <summary>Clears every condition and latch (at arming and disarming).</summary>
    public void Reset()
    {
        for (int i = 0; i < _triggers.Length; i++)
        {
            _triggers[i].Reset();
        }

        _appliedSeverity = 0;
        ActiveConditions = 0;
        ActiveKind = FailsafeKind.None;
        ActiveAction = FailsafeAction.None;
    }

    public FailsafeDecision Evaluate(in FailsafeInputs inputs, FlightParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        FlightParameters p = parameters;
        long t = inputs.TimeUs;
        long latchedWhenArmed = inputs.Armed ? FailsafeTrigger.Latched : 0;
        long positionDelayUs = (long)(p.PositionLossDelayS * 1e6);

        bool manualMode = inputs.Mode is FlightMode.Stabilized or FlightMode.Altitude or FlightMode.Position;
        bool manualLost = (manualMode && !inputs.ManualFresh) || (inputs.RcSignalLost && RcLossCounts(inputs.Mode, p.RcLossExceptions));
        Judge(FailsafeKind.ManualInputLost, t, manualLost && p.ManualLossAction != FailsafeAction.None, 0, 0, p.ManualLossAction);
        Judge(FailsafeKind.OffboardLost, t, inputs.Mode == FlightMode.Offboard && !inputs.OffboardFresh, 0, 0, FailsafeAction.Hold);
        Judge(FailsafeKind.DataLinkLost, t, inputs.DataLinkLost && p.DataLinkLossAction != FailsafeAction.None, 0, ClearUs, p.DataLinkLossAction);

        // NaN (no monitor) compares false: no battery condition without a measurement.
        double battery = inputs.BatteryRemainingFraction;
        (FailsafeAction critical, FailsafeAction emergency) = p.LowBatteryAction switch
        {
            LowBatteryResponse.Land => (FailsafeAction.Land, FailsafeAction.Land),
            LowBatteryResponse.ReturnThenLand => (FailsafeAction.ReturnToLaunch, FailsafeAction.Land),
            _ => (FailsafeAction.Warn, FailsafeAction.Warn),
        };
        Judge(FailsafeKind.BatteryLow, t, battery < p.BatteryLowFraction, BatteryDelayUs, latchedWhenArmed, FailsafeAction.Warn);
        Judge(FailsafeKind.BatteryCritical, t, battery < p.BatteryCriticalFraction, BatteryDelayUs, latchedWhenArmed, critical);
        Judge(FailsafeKind.BatteryEmergency, t, battery < p.BatteryEmergencyFraction, BatteryDelayUs, latchedWhenArmed, emergency);

        Judge(FailsafeKind.PositionLost, t, inputs.PositionAidingLost, positionDelayUs, ClearUs, FailsafeAction.Land);
        Judge(FailsafeKind.EstimatorFailure, t, inputs.EstimatorTestRatio > p.EstimatorFailTestRatio, positionDelayUs, ClearUs, FailsafeAction.Land);
        FailsafeAction fenceAction = FailsafeActions.FromGeofenceParameter((int)p.GeofenceAction);
        Judge(FailsafeKind.GeofenceBreached, t, inputs.GeofenceBreached && fenceAction != FailsafeAction.None, 0, ClearUs, fenceAction);
        Judge(FailsafeKind.MotorFailure, t, inputs.MotorFailed, 0, latchedWhenArmed, p.MotorFailureAction);
        Judge(FailsafeKind.FlightTimeExceeded, t, inputs.Armed && p.MaxFlightTimeS > 0 && inputs.FlightTimeS > p.MaxFlightTimeS, 0, latchedWhenArmed, FailsafeAction.ReturnToLaunch);
        bool tilted = Math.Abs(inputs.RollRad) > p.CrashRollMaxRad || Math.Abs(inputs.PitchRad) > p.CrashPitchMaxRad;
        Judge(FailsafeKind.Crash, t, inputs.Armed && tilted, (long)(p.CrashTriggerTimeS * 1e6), latchedWhenArmed, FailsafeAction.Terminate);
        Judge(FailsafeKind.HardImpact, t, inputs.Armed && inputs.HardImpact, 0, latchedWhenArmed, FailsafeAction.Disarm);

        uint mask = 0;
        FailsafeKind winner = FailsafeKind.None;
        int severity = 0;
        for (int k = 1; k < _triggers.Length; k++)
        {
            if (!_triggers[k].Active)
            {
                continue;
            }

            mask |= 1u << k;
            int s = FailsafeActions.Severity(_actions[k]);
            // Ties go to the later kind (emergency over critical battery, estimator over position: the more specific).
            if (s >= severity)
            {
                severity = s;
                winner = (FailsafeKind)k;
            }
        }

        ActiveConditions = mask;
        ActiveKind = winner;
        ActiveAction = winner == FailsafeKind.None ? FailsafeAction.None : _actions[(int)winner];
        if (mask == 0)
        {
            _appliedSeverity = 0;
            return FailsafeDecision.None;
        }

        if (!inputs.Armed || severity <= _appliedSeverity)
        {
            return FailsafeDecision.None;
        }

        _appliedSeverity = severity;
        FailsafeAction action = ActiveAction;
        return new FailsafeDecision(winner, ModeFor(action, in inputs), FailsafeTexts.Of(winner, action)) { Action = action };
    }

    /// <summary>
    /// Whether a lost RC receiver is a failsafe in <paramref name="mode"/>: not in Return or Land (already
    /// recovering; a Return action must not undo a landing), nor in the modes COM_RCL_EXCEPT exempts.
    /// </summary>
    private static bool RcLossCounts(FlightMode mode, RcLossExceptions exceptions) => mode switch
    {
        FlightMode.ReturnToLaunch or FlightMode.Land => false,
        FlightMode.Mission => (exceptions & RcLossExceptions.Mission) == 0,
        FlightMode.Hold or FlightMode.Takeoff => (exceptions & RcLossExceptions.Hold) == 0,
        FlightMode.Offboard => (exceptions & RcLossExceptions.Offboard) == 0,
        _ => true,
    };

    /// <summary>The mode an action enters: Hold and Return need a position (Return a home too), else Land.</summary>
    private static FlightMode ModeFor(FailsafeAction action, in FailsafeInputs inputs) => action switch
    {
        FailsafeAction.Hold => inputs.HasPosition ? FlightMode.Hold : FlightMode.Land,
        FailsafeAction.ReturnToLaunch => inputs.HasPosition && inputs.HomeSet ? FlightMode.ReturnToLaunch : FlightMode.Land,
        FailsafeAction.Land => FlightMode.Land,
        _ => inputs.Mode,
    };

    private void Judge(FailsafeKind kind, long timeUs, bool raw, long delayUs, long clearUs, FailsafeAction action)
    {
        _actions[(int)kind] = action;
        _triggers[(int)kind].Update(timeUs, raw, delayUs, clearUs);
    }
}
