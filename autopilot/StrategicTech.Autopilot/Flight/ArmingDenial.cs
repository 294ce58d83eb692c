namespace StrategicTech.Autopilot.Flight;

/// <summary>Why the last arming request was refused (<see cref="None"/> after a successful arm).</summary>
public enum ArmingDenial
{
    None = 0,

    /// <summary>The estimator has not fused GNSS and baro long enough (its position is still converging).</summary>
    EstimatorNotReady = 1,

    /// <summary>No 3D GNSS fix (PX4 needs one for the position modes and home).</summary>
    NoGnssFix = 2,

    /// <summary>Battery remaining below BAT_LOW_THR.</summary>
    BatteryLow = 3,

    /// <summary>Vehicle tilted more than COM_ARM_TILT_MAX (not level on the ground).</summary>
    TiltTooLarge = 4,

    /// <summary>The current mode cannot be armed in (Land, Return to launch, Offboard without a setpoint stream, manual modes without sticks).</summary>
    ModeNotArmable = 5,

    /// <summary>Already armed.</summary>
    AlreadyArmed = 6,

    /// <summary>In the air (disarm refused) — used for the disarm counterpart.</summary>
    InAir = 7,

    /// <summary>The vehicle stands where the geofence forbids flight (PX4 refuses arming outside the fence).</summary>
    GeofenceBreached = 8,

    /// <summary>A failsafe condition is active (battery, link, position, estimator, geofence, motor).</summary>
    FailsafeActive = 9,
}
