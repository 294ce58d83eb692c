namespace StrategicTech.Navigation.Estimation.Uav;

/// <summary>Health and mode flags published by <see cref="UavEkf"/>.</summary>
[Flags]
public enum UavEkfFlags
{
    None = 0,
    TiltAligned = 1 << 0,
    YawAligned = 1 << 1,
    GnssOriginSet = 1 << 2,

    /// <summary>
    /// GNSS horizontal position was fused (or reset to) within the no-aid timeout: what was actually fused, so the flag
    /// drops while position is rejected even when GNSS velocity still fuses (horizontal aiding, see DeadReckoning).
    /// </summary>
    GnssFusing = 1 << 3,

    /// <summary>No horizontal aiding for longer than the no-aid timeout after it had been available.</summary>
    DeadReckoning = 1 << 4,
    BaroFusing = 1 << 5,
    MagFusing = 1 << 6,
    MagDisturbed = 1 << 7,
    RangeFusing = 1 << 8,
    InAir = 1 << 9,
    PositionHold = 1 << 10,

    /// <summary>
    /// Health fault, latched: the IMU came faster than <see cref="UavEkfParameters.MaxImuRateHz"/> and filled the
    /// delayed-horizon buffer, so samples were predicted before their full delay (observations then fuse late).
    /// </summary>
    ImuBufferOverrun = 1 << 11,

    /// <summary>The magnetometer was found wrong against the emergency yaw estimate: yaw was reset to it and the magnetometer is not used until landing.</summary>
    MagFault = 1 << 12,
}
