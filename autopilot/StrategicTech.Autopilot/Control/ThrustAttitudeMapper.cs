using StrategicTech.Navigation.Numerics;

namespace StrategicTech.Autopilot.Control;

/// <summary>
/// Acceleration setpoint → thrust vector → attitude. The specific force a − g is scaled so that 1 g is the hover
/// thrust; the vertical part is kept within the collective limits first, then the horizontal part is cut to respect
/// the tilt limit and the remaining thrust magnitude (vertical priority: the vehicle holds altitude before it
/// accelerates sideways). The body Z axis points along −thrust and the heading comes from the yaw setpoint.
/// </summary>
public sealed class ThrustAttitudeMapper
{
    public const double GravityMps2 = 9.80665;

    private ThrustAttitudeParameters _parameters;
    private double _tanMaxTilt;

    public ThrustAttitudeMapper(ThrustAttitudeParameters parameters) => Configure(parameters);

    public ThrustAttitudeParameters Parameters => _parameters;

    /// <summary>True when the last call had to cut the thrust vector (tilt, magnitude or collective limits).</summary>
    public bool IsSaturated { get; private set; }

    public void Configure(ThrustAttitudeParameters value)
    {
        value.Validate();
        _parameters = value;
        _tanMaxTilt = Math.Tan(value.MaxTiltRad);
    }

    /// <summary>
    /// Replaces the hover-thrust estimate (e.g. from a hover-thrust estimator) in the loop: an estimate that is not
    /// finite or not strictly between the collective limits is refused (false) and the previous value kept.
    /// </summary>
    public bool TrySetHoverThrust(double hoverThrust)
    {
        if (!(hoverThrust > _parameters.MinThrust && hoverThrust < _parameters.MaxThrust && hoverThrust >= 0.05 && hoverThrust <= 0.95))
        {
            return false;
        }

        _parameters = _parameters with { HoverThrust = hoverThrust };
        return true;
    }

    public ThrustAttitudeSetpoint Compute(Vector3 accelerationSetpointNedMps2, double yawSetpointRad)
    {
        if (!accelerationSetpointNedMps2.IsFinite)
        {
            accelerationSetpointNedMps2 = Vector3.Zero;
        }

        if (!double.IsFinite(yawSetpointRad))
        {
            yawSetpointRad = 0;
        }

        double scale = _parameters.HoverThrust / GravityMps2;
        var desired = new Vector3(
            accelerationSetpointNedMps2.X * scale,
            accelerationSetpointNedMps2.Y * scale,
            (accelerationSetpointNedMps2.Z - GravityMps2) * scale);

        // Vertical first: thrust up (negative Z) between the collective limits.
        double up = Math.Clamp(-desired.Z, _parameters.MinThrust, _parameters.MaxThrust);

        // Then horizontal: within the tilt cone and within what the remaining magnitude allows.
        double maxMagnitude = _parameters.MaxThrust;
        double horizontalByTilt = up * _tanMaxTilt;
        double horizontalByMagnitude = Math.Sqrt(Math.Max(0.0, (maxMagnitude * maxMagnitude) - (up * up)));
        double horizontalLimit = Math.Min(horizontalByTilt, horizontalByMagnitude);
        var thrustNed = VectorLimits.LimitHorizontal(new Vector3(desired.X, desired.Y, -up), horizontalLimit);
        IsSaturated = up != -desired.Z || thrustNed.X != desired.X || thrustNed.Y != desired.Y;

        double collective = thrustNed.Length;
        Vector3 bodyZNed = collective > 1e-9 ? -thrustNed / collective : Vector3.UnitZ;
        return new ThrustAttitudeSetpoint(AttitudeFromBodyZ(bodyZNed, yawSetpointRad), collective, thrustNed);
    }

    /// <summary>
    /// Attitude whose body Z axis is <paramref name="bodyZNed"/> (unit) and whose body X axis lies in the vertical plane
    /// of heading <paramref name="yawRad"/>, so that the 3-2-1 yaw of the result equals the setpoint.
    /// </summary>
    public static Quaternion AttitudeFromBodyZ(Vector3 bodyZNed, double yawRad)
    {
        // Horizontal axis at right angles to the heading; body X = yC × Z lies in the heading's vertical plane.
        var yC = new Vector3(-Math.Sin(yawRad), Math.Cos(yawRad), 0);
        Vector3 bodyX = Vector3.Cross(yC, bodyZNed);
        if (bodyZNed.Z < 0)
        {
            // Upside down: keep the nose on the heading side rather than flipping it.
            bodyX = -bodyX;
        }

        double n = bodyX.Length;
        if (n < 1e-9)
        {
            // Thrust horizontal along the heading: any X at right angles to Z will do; pick the down axis.
            bodyX = new Vector3(0, 0, 1);
        }
        else
        {
            bodyX /= n;
        }

        Vector3 bodyY = Vector3.Cross(bodyZNed, bodyX);
        return Quaternion.FromRotationMatrix(Matrix3.FromColumns(bodyX, bodyY, bodyZNed));
    }
}
