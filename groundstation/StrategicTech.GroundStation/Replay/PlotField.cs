namespace StrategicTech.GroundStation.Replay;

/// <summary>A telemetry field the replay can plot over time.</summary>
public enum PlotField
{
    /// <summary>Height above home, m (GLOBAL_POSITION_INT.relative_alt).</summary>
    AltitudeAboveHomeM,

    /// <summary>Ground speed, m/s (VFR_HUD.groundspeed).</summary>
    GroundSpeedMps,

    /// <summary>Climb rate, m/s (VFR_HUD.climb).</summary>
    ClimbRateMps,

    /// <summary>Battery voltage, V (SYS_STATUS.voltage_battery or BATTERY_STATUS, whichever came last).</summary>
    BatteryV,

    /// <summary>Roll, deg (ATTITUDE.roll).</summary>
    RollDeg,

    /// <summary>Pitch, deg (ATTITUDE.pitch).</summary>
    PitchDeg,
}

/// <summary>Labels of <see cref="PlotField"/>.</summary>
public static class PlotFields
{
    public const int Count = 6;

    public static string Label(PlotField field) => field switch
    {
        PlotField.AltitudeAboveHomeM => "ALT m",
        PlotField.GroundSpeedMps => "GND SPD m/s",
        PlotField.ClimbRateMps => "CLIMB m/s",
        PlotField.BatteryV => "BATT V",
        PlotField.RollDeg => "ROLL deg",
        PlotField.PitchDeg => "PITCH deg",
        _ => field.ToString(),
    };
}
