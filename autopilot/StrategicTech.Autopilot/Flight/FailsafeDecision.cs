namespace StrategicTech.Autopilot.Flight;

/// <summary>
/// A failsafe to take now: which condition, the action, the mode to enter (the current mode for Warn, Disarm and
/// Terminate) and the STATUSTEXT to announce it with (a preallocated literal).
/// </summary>
public readonly record struct FailsafeDecision(FailsafeKind Kind, FlightMode Mode, string Text)
{
    public static FailsafeDecision None => new(FailsafeKind.None, FlightMode.Hold, string.Empty);

    /// <summary>The action the mode came from.</summary>
    public FailsafeAction Action { get; init; }

    public bool IsNone => Kind == FailsafeKind.None;
}
