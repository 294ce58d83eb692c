namespace StrategicTech.Autopilot.Flight;

/// <summary>Failsafe action values (NAV_RCL_ACT numbering).</summary>
public enum FailsafeAction
{
    /// <summary>Keep flying the current mode.</summary>
    None = 0,
    Hold = 1,
    ReturnToLaunch = 2,
    Land = 3,
}
