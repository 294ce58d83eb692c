namespace StrategicTech.Autopilot.Flight;

/// <summary>
/// A failsafe to take now: which condition, the mode to enter, and the STATUSTEXT to announce it with;
/// <see cref="Terminate"/> asks for flight termination (motors off) instead of a mode.
/// </summary>
public readonly record struct FailsafeDecision(FailsafeKind Kind, FlightMode Mode, string Text, bool Terminate = false)
{
    public static FailsafeDecision None => new(FailsafeKind.None, FlightMode.Hold, string.Empty);

    public bool IsNone => Kind == FailsafeKind.None;
}
