using StrategicTech.Navigation.Geodesy;

namespace StrategicTech.Autopilot.Flight;

/// <summary>
/// What the host (SITL or the hardware drivers) tells the commander each position-loop update: estimator and sensor
/// health for the arming checks and the estimator's geodetic origin for mission positions and home.
/// </summary>
public readonly record struct VehicleHealth(
    bool EstimatorReady,
    bool HasGnssFix,
    double BatteryRemainingFraction,
    bool HasOrigin,
    GeodeticPosition Origin);
