namespace StrategicTech.Navigation.Estimation.Uav.Replay;

/// <summary>Kind of one line of PX4's replay CSV.</summary>
public enum ReplayRecordKind
{
    /// <summary>ax, ay, az (m/s^2), gx, gy, gz (rad/s), body FRD.</summary>
    Imu,

    /// <summary>x, y, z gauss, body FRD.</summary>
    Mag,

    /// <summary>Pressure altitude, m.</summary>
    Baro,

    /// <summary>alt (mm), lon (1e-7 deg), lat (1e-7 deg), vel N, E, D (m/s) — in that order.</summary>
    Gps,

    /// <summary>True and indicated airspeed, m/s.</summary>
    Airspeed,

    /// <summary>1 when landed, 0 in the air.</summary>
    Landed,
}

/// <summary>One sensor line: the values in file order (unused ones are 0).</summary>
public readonly record struct ReplayRecord(long TimeUs, ReplayRecordKind Kind, double V0, double V1, double V2, double V3, double V4, double V5);
