namespace StrategicTech.Autopilot.Amr;

/// <summary>Where a NavigateToPose goal is (Nav2's action status plus what the navigator is doing).</summary>
public enum NavigationState
{
    Idle,
    Navigating,
    Recovering,

    /// <summary>Sensors are stale (link down): the robot is commanded to stop and the goal is held.</summary>
    WaitingForSensors,
    Succeeded,
    Canceled,
    Failed,
}
