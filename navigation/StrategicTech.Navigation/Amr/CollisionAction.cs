namespace StrategicTech.Navigation.Amr;

/// <summary>What the collision monitor did to the command (most restrictive wins: stop &gt; slowdown &gt; approach).</summary>
public enum CollisionAction
{
    None,
    Approach,
    Slowdown,
    Stop,

    /// <summary>No fresh scan: stopped because the monitor is blind.</summary>
    StopNoData,
}
