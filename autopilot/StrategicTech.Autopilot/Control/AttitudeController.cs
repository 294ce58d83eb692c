using StrategicTech.Navigation.Numerics;

namespace StrategicTech.Autopilot.Control;

/// <summary>
/// Tilt-prioritised nonlinear quaternion attitude control (after Brescianini, Hehn and D'Andrea, 2013).
/// <para>
/// The error is split into a reduced attitude — the shortest rotation that brings the body Z axis onto the desired
/// one, which is what moves the thrust and therefore the vehicle — and the remaining rotation about the desired Z
/// axis (heading). The heading part is scaled by a yaw weight in [0, 1] before the error is formed, so a large heading
/// error cannot steal control effort from the tilt; the yaw gain is divided by the same weight so that near the
/// setpoint the yaw loop still has its nominal gain. The error quaternion is taken on the short side (sign of W)
/// and its rotation vector times the gains gives the body-rate setpoint, limited per axis with the roll/pitch part
/// scaled as a vector so its direction (the tilt correction) is kept.
/// </para>
/// </summary>
public sealed class AttitudeController
{
    private AttitudeControllerParameters parameters;
    private Vector3 gainsPerS;
    private double yawWeight;

    public AttitudeController(AttitudeControllerParameters parameters) => Configure(parameters);

    public AttitudeControllerParameters Parameters => parameters;

    /// <summary>The weight applied to the heading part of the error, derived from the gains.</summary>
    public double YawWeight => yawWeight;

    public void Configure(AttitudeControllerParameters value)
    {
        value.Validate();
        parameters = value;
        double rollPitchGain = 0.5 * (value.RollGainPerS + value.PitchGainPerS);
        yawWeight = rollPitchGain > 1e-6 ? Math.Clamp(value.YawGainPerS / rollPitchGain, 0.0, 1.0) : 1.0;
        double yawGain = yawWeight > 1e-4 ? value.YawGainPerS / yawWeight : 0.0;
        gainsPerS = new Vector3(value.RollGainPerS, value.PitchGainPerS, yawGain);
    }

    /// <summary>
    /// Body-rate setpoint (FRD rad/s) that turns <paramref name="attitudeNed"/> toward <paramref name="attitudeSetpointNed"/>,
    /// plus the heading-rate feed-forward <paramref name="yawRateFeedForwardRadps"/> about the earth vertical.
    /// </summary>
    public Vector3 Update(Quaternion attitudeNed, Quaternion attitudeSetpointNed, double yawRateFeedForwardRadps = 0)
    {
        Quaternion q = attitudeNed.Normalized();
        Quaternion qd = attitudeSetpointNed.Normalized();
        Quaternion qdTiltPrioritised = TiltPrioritisedSetpoint(q, qd, yawWeight);

        Quaternion error = (q.Conjugate() * qdTiltPrioritised).Canonical();
        Vector3 errorRad = error.ToRotationVector();
        Vector3 rateRadps = Vector3.Scale(errorRad, gainsPerS);

        // Heading-rate feed-forward: the earth Z axis seen in the body frame.
        rateRadps += q.RotateInverse(Vector3.UnitZ) * yawRateFeedForwardRadps;
        return LimitRates(rateRadps);
    }

    /// <summary>
    /// The setpoint whose tilt equals <paramref name="qd"/>'s and whose heading is moved only
    /// <paramref name="yawWeight"/> of the way from the current heading toward <paramref name="qd"/>'s (shortest way).
    /// </summary>
    public static Quaternion TiltPrioritisedSetpoint(Quaternion q, Quaternion qd, double yawWeight)
    {
        Vector3 zNed = q.Rotate(Vector3.UnitZ);
        Vector3 zSetpointNed = qd.Rotate(Vector3.UnitZ);

        // Shortest-arc rotation (earth frame) taking the current Z axis onto the desired one: q = (1 + z·zd, z × zd), normalised.
        double cosine = Vector3.Dot(zNed, zSetpointNed);
        if (cosine < -0.9999)
        {
            // Upside down relative to the setpoint: the arc axis is undefined, so use the full attitude error.
            return qd;
        }

        Vector3 axis = Vector3.Cross(zNed, zSetpointNed);
        Quaternion tilt = new Quaternion(1.0 + cosine, axis.X, axis.Y, axis.Z).Normalized();
        Quaternion reduced = (tilt * q).Normalized();

        // What is left is a rotation about the (shared) body Z axis: the heading error, taken the short way.
        Quaternion heading = (reduced.Conjugate() * qd).Canonical();
        double headingRad = 2.0 * Math.Atan2(heading.Z, heading.W);
        double half = 0.5 * yawWeight * headingRad;
        var weighted = new Quaternion(Math.Cos(half), 0, 0, Math.Sin(half));
        return reduced * weighted;
    }

    private Vector3 LimitRates(Vector3 rateRadps)
    {
        double rx = rateRadps.X / parameters.MaxRollRateRadps;
        double ry = rateRadps.Y / parameters.MaxPitchRateRadps;
        double n = Math.Sqrt((rx * rx) + (ry * ry));
        double s = n > 1.0 ? 1.0 / n : 1.0;
        double yawMax = parameters.MaxYawRateRadps;
        return new Vector3(rateRadps.X * s, rateRadps.Y * s, Math.Clamp(rateRadps.Z, -yawMax, yawMax));
    }
}
