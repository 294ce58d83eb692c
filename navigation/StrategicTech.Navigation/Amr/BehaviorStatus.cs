namespace StrategicTech.Navigation.Amr;

/// <summary>State of a recovery behaviour after a tick.</summary>
public enum BehaviorStatus
{
    Running,
    Succeeded,

    /// <summary>Ran out of time before finishing (Nav2's time_allowance).</summary>
    TimedOut,

    /// <summary>Stopped because going on would collide.</summary>
    Blocked,
}
