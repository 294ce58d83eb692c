namespace StrategicTech.Autopilot.Amr;

/// <summary>Why a goal failed (Nav2's NavigateToPose error codes, coarsened).</summary>
public enum NavigationFailure
{
    None,

    /// <summary>The planner found no path (goal occupied, unreachable) and the recoveries did not help.</summary>
    NoPath,

    /// <summary>The goal's time allowance ran out.</summary>
    Timeout,

    /// <summary>The localizer's σ exceeded its bound, it stayed lost (kidnap unresolved) too long, or sensors stayed silent too long.</summary>
    LocalizationLost,

    /// <summary>The way stayed blocked (collision ahead, no progress) after every recovery.</summary>
    CollisionBlocked,
}
