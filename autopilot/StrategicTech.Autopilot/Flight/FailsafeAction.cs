namespace StrategicTech.Autopilot.Flight;

/// <summary>
/// What a failsafe does, numbered as PX4's NAV_DLL_ACT / NAV_RCL_ACT (0 none, 1 hold, 2 return, 3 land, 5 terminate,
/// 6 disarm; <see cref="Warn"/> is ours). The order of severity — None &lt; Warn &lt; Hold &lt; Return &lt; Land &lt;
/// Disarm &lt; Terminate — is <see cref="FailsafeActions.Severity"/>, not the numeric value.
/// </summary>
public enum FailsafeAction
{
    /// <summary>Keep flying the current mode.</summary>
    None = 0,
    Hold = 1,
    ReturnToLaunch = 2,
    Land = 3,

    /// <summary>Motors off at once (flight termination; a multicopter falls).</summary>
    Terminate = 5,

    /// <summary>Disarm (on the ground, or after a crash).</summary>
    Disarm = 6,

    /// <summary>Announce only (STATUSTEXT and health bits), keep the mode.</summary>
    Warn = 7,
}
