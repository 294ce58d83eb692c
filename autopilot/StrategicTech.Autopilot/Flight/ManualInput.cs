namespace StrategicTech.Autopilot.Flight;

/// <summary>
/// Pilot sticks as MANUAL_CONTROL carries them, normalised: <paramref name="Pitch"/> +1 = forward (nose down),
/// <paramref name="Roll"/> +1 = right, <paramref name="Yaw"/> +1 = yaw right (clockwise from above), each in [−1, 1];
/// <paramref name="Throttle"/> in [0, 1] (0.5 = centre: hover thrust in Stabilized, zero climb rate in Altitude and
/// Position). <paramref name="TimeUs"/> is when the sample was received (loss detection, COM_RC_LOSS_T).
/// </summary>
public readonly record struct ManualInput(long TimeUs, double Roll, double Pitch, double Yaw, double Throttle)
{
    /// <summary>Sticks centred, throttle at mid: hold.</summary>
    public static ManualInput Centered(long timeUs) => new(timeUs, 0, 0, 0, 0.5);

    public bool IsFinite => double.IsFinite(Roll) && double.IsFinite(Pitch) && double.IsFinite(Yaw) && double.IsFinite(Throttle);
}
