using StrategicTech.Navigation.Numerics;

namespace StrategicTech.Autopilot.Control;

/// <summary>
/// Output of the acceleration stage: the desired attitude (body FRD → NED), the collective thrust in [0, 1] and
/// the normalised thrust vector in NED (pointing up, i.e. negative Z, when hovering).
/// </summary>
public readonly record struct ThrustAttitudeSetpoint(Quaternion AttitudeNed, double CollectiveThrust, Vector3 ThrustNed);
