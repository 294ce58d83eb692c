namespace StrategicTech.Autopilot.Flight;

/// <summary>COM_LOW_BAT_ACT: what the battery levels do (PX4's numbering; low is always a warning).</summary>
public enum LowBatteryResponse
{
    /// <summary>Warn at every level.</summary>
    Warn = 0,

    /// <summary>Land at critical (and emergency).</summary>
    Land = 2,

    /// <summary>Return at critical, land at emergency.</summary>
    ReturnThenLand = 3,
}
