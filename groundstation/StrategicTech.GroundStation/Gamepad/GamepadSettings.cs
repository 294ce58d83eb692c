namespace StrategicTech.GroundStation.Gamepad;

/// <summary>How sticks become MANUAL_CONTROL (mode 2: left stick throttle/yaw, right stick pitch/roll).</summary>
public sealed record GamepadSettings
{
    /// <summary>Fraction of full deflection read as centre.</summary>
    public double DeadBand { get; init; } = 0.08;

    /// <summary>0 linear … 1 cubic.</summary>
    public double Expo { get; init; } = 0.3;

    /// <summary>MANUAL_CONTROL period, µs (40 Hz; the issue asks 25–50 Hz).</summary>
    public long PeriodUs { get; init; } = 25_000;

    /// <summary>SDL game controller button that switches POSCTL ↔ HOLD (Y).</summary>
    public int ModeButton { get; init; } = 3;
}
