namespace StrategicTech.Autopilot.Flight;

/// <summary>
/// COM_RCL_EXCEPT (PX4's bits): the automatic modes in which losing the RC receiver is not a failsafe, for
/// flights planned to run beyond RC range. The manual modes always act on the loss.
/// </summary>
[Flags]
public enum RcLossExceptions
{
    None = 0,

    /// <summary>Bit 0: Mission.</summary>
    Mission = 1,

    /// <summary>Bit 1: Hold (and Takeoff, as PX4 groups them).</summary>
    Hold = 2,

    /// <summary>Bit 2: Offboard.</summary>
    Offboard = 4,
}
