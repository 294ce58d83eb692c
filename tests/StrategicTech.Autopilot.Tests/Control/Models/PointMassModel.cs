using StrategicTech.Autopilot.Control;
using StrategicTech.Navigation.Numerics;

namespace StrategicTech.Autopilot.Tests.Control.Models;

/// <summary>
/// Test plant for the outer loops: a point mass driven by the normalised thrust vector of the acceleration stage,
/// with a first-order lag standing in for the attitude loop, a true hover thrust that may differ from the
/// controller's estimate, and a constant disturbance acceleration (wind).
/// </summary>
internal sealed class PointMassModel(double trueHoverThrust = 0.5, double attitudeLagS = 0.1)
{
    private Vector3 _thrustNed = new(0, 0, -trueHoverThrust);

    public Vector3 Position { get; set; }

    public Vector3 Velocity { get; set; }

    public Vector3 DisturbanceMps2 { get; set; }

    /// <summary>Held in place: the controller runs, the mass does not move.</summary>
    public bool Held { get; set; }

    public void Step(Vector3 commandedThrustNed, double dtS)
    {
        double alpha = attitudeLagS > 0 ? 1.0 - Math.Exp(-dtS / attitudeLagS) : 1.0;
        _thrustNed += (commandedThrustNed - _thrustNed) * alpha;
        if (Held)
        {
            Velocity = Vector3.Zero;
            return;
        }

        Vector3 accel = (_thrustNed * (ThrustAttitudeMapper.GravityMps2 / trueHoverThrust))
            + new Vector3(0, 0, ThrustAttitudeMapper.GravityMps2) + DisturbanceMps2;
        Velocity += accel * dtS;
        Position += Velocity * dtS;
    }
}
