namespace StrategicTech.Autopilot.Amr;

/// <summary>Where a NavigateToPose goal is (Nav2's action status plus what the navigator is doing).</summary>
public enum NavigationState
{
    Idle,
    Navigating,
    Recovering,

    /// <summary>Sensors are stale (link down): the robot is commanded to stop and the goal is held.</summary>
    WaitingForSensors,

    /// <summary>The localizer detected a kidnap and is searching for the pose: the robot is stopped and the goal is held.</summary>
    Relocalizing,

    /// <summary>
    /// Still relocalizing, with several places held that the scans from one standpoint do not tell apart: the robot
    /// drives a short probing move, clear under every held place and of the live scan, to see which fits.
    /// </summary>
    Probing,
    Succeeded,
    Canceled,
    Failed,
}
