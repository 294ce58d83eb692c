using StrategicTech.Navigation.Numerics;

namespace StrategicTech.Autopilot.Flight;

/// <summary>
/// The pre-arm checks, in the order PX4 reports them: estimator settled, GNSS fix, battery above BAT_LOW_THR, no
/// active failsafe condition (<see cref="FailsafeMonitor.ArmingBlocker"/>), tilt
/// within the arming tilt limit (ArmTiltMaxRad), and a mode that can be armed in (manual modes need fresh sticks, Offboard
/// fresh setpoints, Mission a mission; Land and Return never). The first failing check is the denial. Pure: no state.
/// </summary>
public static class ArmingChecks
{
    public static ArmingDenial Evaluate(
        in VehicleHealth health,
        Quaternion attitudeNed,
        FlightParameters parameters,
        FlightMode mode,
        bool manualFresh,
        bool offboardFresh,
        int missionItemCount,
        FailsafeKind activeFailsafe = FailsafeKind.None)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        if (!health.EstimatorReady)
        {
            return ArmingDenial.EstimatorNotReady;
        }

        if (!health.HasGnssFix)
        {
            return ArmingDenial.NoGnssFix;
        }

        if (health.BatteryRemainingFraction < parameters.BatteryLowFraction)
        {
            return ArmingDenial.BatteryLow;
        }

        if (activeFailsafe != FailsafeKind.None)
        {
            return ArmingDenial.FailsafeActive;
        }

        Vector3 bodyDown = attitudeNed.Rotate(Vector3.UnitZ);
        if (Math.Acos(Math.Clamp(bodyDown.Z, -1, 1)) > parameters.ArmTiltMaxRad)
        {
            return ArmingDenial.TiltTooLarge;
        }

        bool armable = mode switch
        {
            FlightMode.Land or FlightMode.ReturnToLaunch => false,
            FlightMode.Offboard => offboardFresh,
            FlightMode.Stabilized or FlightMode.Altitude or FlightMode.Position => manualFresh,
            FlightMode.Mission => missionItemCount > 0,
            _ => true,
        };
        return armable ? ArmingDenial.None : ArmingDenial.ModeNotArmable;
    }

    /// <summary>The STATUSTEXT a ground station shows for a denial.</summary>
    public static string DenialText(ArmingDenial reason) => reason switch
    {
        ArmingDenial.EstimatorNotReady => "Arming denied: estimator not ready",
        ArmingDenial.NoGnssFix => "Arming denied: no GNSS fix",
        ArmingDenial.BatteryLow => "Arming denied: battery low",
        ArmingDenial.TiltTooLarge => "Arming denied: vehicle tilted",
        ArmingDenial.ModeNotArmable => "Arming denied: mode not armable",
        ArmingDenial.GeofenceBreached => "Arming denied: outside the geofence",
        ArmingDenial.FailsafeActive => "Arming denied: failsafe condition active",
        _ => "Arming denied",
    };
}
