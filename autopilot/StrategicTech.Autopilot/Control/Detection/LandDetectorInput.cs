using StrategicTech.Navigation.Numerics;

namespace StrategicTech.Autopilot.Control.Detection;

/// <summary>What the land and takeoff detectors look at, sampled once per update.</summary>
public readonly record struct LandDetectorInput(
    bool Armed,
    double CollectiveThrust,
    double HoverThrust,
    Vector3 VelocityNedMps,
    Vector3 BodyRateRadps,
    double PositionDownM);
