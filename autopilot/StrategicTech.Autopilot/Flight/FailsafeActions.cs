namespace StrategicTech.Autopilot.Flight;

/// <summary>Severity order of <see cref="FailsafeAction"/> and the mapping of PX4's per-condition action parameters onto it.</summary>
public static class FailsafeActions
{
    /// <summary>None 0 &lt; Warn 1 &lt; Hold 2 &lt; Return 3 &lt; Land 4 &lt; Disarm 5 &lt; Terminate 6.</summary>
    public static int Severity(FailsafeAction action) => action switch
    {
        FailsafeAction.Warn => 1,
        FailsafeAction.Hold => 2,
        FailsafeAction.ReturnToLaunch => 3,
        FailsafeAction.Land => 4,
        FailsafeAction.Disarm => 5,
        FailsafeAction.Terminate => 6,
        _ => 0,
    };

    /// <summary>NAV_DLL_ACT / NAV_RCL_ACT: 0 none, 1 hold, 2 return, 3 land, 5 terminate, 6 disarm.</summary>
    public static FailsafeAction FromLinkLossParameter(int value) => value switch
    {
        0 => FailsafeAction.None,
        1 => FailsafeAction.Hold,
        2 => FailsafeAction.ReturnToLaunch,
        3 => FailsafeAction.Land,
        5 => FailsafeAction.Terminate,
        6 => FailsafeAction.Disarm,
        _ => throw new ArgumentOutOfRangeException(nameof(value), value, "link-loss action must be 0 (none), 1 (hold), 2 (return), 3 (land), 5 (terminate) or 6 (disarm)"),
    };

    /// <summary>GF_ACTION: 0 none, 1 warning, 2 hold, 3 return, 4 terminate, 5 land.</summary>
    public static FailsafeAction FromGeofenceParameter(int value) => value switch
    {
        0 => FailsafeAction.None,
        1 => FailsafeAction.Warn,
        2 => FailsafeAction.Hold,
        3 => FailsafeAction.ReturnToLaunch,
        4 => FailsafeAction.Terminate,
        5 => FailsafeAction.Land,
        _ => throw new ArgumentOutOfRangeException(nameof(value), value, "GF_ACTION must be 0..5"),
    };

    /// <summary>COM_ACT_FAIL_ACT (motor failure): 0 warning, 1 hold, 2 land, 3 return, 4 terminate.</summary>
    public static FailsafeAction FromMotorFailureParameter(int value) => value switch
    {
        0 => FailsafeAction.Warn,
        1 => FailsafeAction.Hold,
        2 => FailsafeAction.Land,
        3 => FailsafeAction.ReturnToLaunch,
        4 => FailsafeAction.Terminate,
        _ => throw new ArgumentOutOfRangeException(nameof(value), value, "COM_ACT_FAIL_ACT must be 0..4"),
    };
}
