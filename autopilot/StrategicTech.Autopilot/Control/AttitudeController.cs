using StrategicTech.Navigation.Numerics;

namespace StrategicTech.Autopilot.Control;

/// <summary>
/// Tilt-prioritised nonlinear quaternion attitude control (after Brescianini, Hehn and D'Andrea, 2013).
/// <para>
/// The attitude error is factored into a reduced-attitude (tilt) error — the shortest rotation that brings the body Z
/// axis onto the desired one, which is what moves the thrust and therefore the vehicle — followed by a rotation about
/// the desired Z axis (the heading error, taken the short way). The tilt error, expressed in the body frame, lies in
/// the body X–Y plane and drives the roll and pitch rates; the heading error drives only the yaw rate. A rotation about
/// body Z does not move the thrust axis, so however large the heading error, it cannot disturb the tilt response.
/// The priority of tilt over heading is carried by the gains (yaw gain below the roll/pitch gains, its ratio being
/// PX4's yaw weight) and, when the motors run out, by the allocator, which gives up yaw before roll and pitch.
/// </para>
/// <para>
/// PX4 instead blends the weighted heading into a single setpoint and takes one error quaternion; for large heading
/// errors that couples into roll and pitch (about 11° of extra tilt error for a 170° heading step in our tests), so
/// this controller keeps the two errors apart. Roll/pitch rates are limited as a vector so the direction of the tilt
/// correction is kept; the yaw rate is limited on its own.
/// </para>
/// </summary>
public sealed class AttitudeController
{
    private AttitudeControllerParameters _parameters;

    public AttitudeController(AttitudeControllerParameters parameters) => Configure(parameters);

    public AttitudeControllerParameters Parameters => _parameters;

    /// <summary>Calls refused because an input was not finite (zero rates returned).</summary>
    public long NonFiniteInputCount { get; private set; }

    public void Configure(AttitudeControllerParameters value)
    {
        value.Validate();
        _parameters = value;
    }

    /// <summary>
    /// Body-rate setpoint (FRD rad/s) that turns <paramref name="attitudeNed"/> toward <paramref name="attitudeSetpointNed"/>,
    /// plus the heading-rate feed-forward <paramref name="yawRateFeedForwardRadps"/> about the earth vertical.
    /// </summary>
    public Vector3 Update(Quaternion attitudeNed, Quaternion attitudeSetpointNed, double yawRateFeedForwardRadps = 0)
    {
        if (!attitudeNed.IsFinite || !attitudeSetpointNed.IsFinite || !double.IsFinite(yawRateFeedForwardRadps))
        {
            NonFiniteInputCount++;
            return Vector3.Zero;
        }

        Quaternion q = attitudeNed.Normalized();
        SplitError(q, attitudeSetpointNed.Normalized(), out Vector3 tiltErrorRad, out double headingErrorRad);
        var rateRadps = new Vector3(
            _parameters.RollGainPerS * tiltErrorRad.X,
            _parameters.PitchGainPerS * tiltErrorRad.Y,
            (_parameters.YawGainPerS * headingErrorRad) + (_parameters.YawGainPerS * tiltErrorRad.Z));

        // Heading-rate feed-forward: the earth Z axis seen in the body frame.
        rateRadps += q.RotateInverse(Vector3.UnitZ) * yawRateFeedForwardRadps;
        return LimitRates(rateRadps);
    }

    /// <summary>
    /// Factors the error from <paramref name="q"/> to <paramref name="qd"/> into a tilt rotation vector in the body frame
    /// (Z part zero, except in the upside-down fallback) and a heading error about the desired Z axis in (−π, π].
    /// </summary>
    public static void SplitError(Quaternion q, Quaternion qd, out Vector3 tiltErrorRad, out double headingErrorRad)
    {
        Vector3 zNed = q.Rotate(Vector3.UnitZ);
        Vector3 zSetpointNed = qd.Rotate(Vector3.UnitZ);
        double cosine = Vector3.Dot(zNed, zSetpointNed);
        if (cosine < -0.9999)
        {
            // Upside down relative to the setpoint: the shortest arc is undefined; use the whole error as one rotation.
            tiltErrorRad = (q.Conjugate() * qd).Canonical().ToRotationVector();
            headingErrorRad = 0;
            return;
        }

        // Shortest-arc rotation (earth frame) taking the current Z axis onto the desired one: (1 + z·zd, z × zd), normalised.
        Vector3 axis = Vector3.Cross(zNed, zSetpointNed);
        Quaternion tilt = new Quaternion(1.0 + cosine, axis.X, axis.Y, axis.Z).Normalized();
        Quaternion reduced = (tilt * q).Normalized();

        // Tilt error in the body frame: q⁻¹·tilt·q; its axis is at right angles to body Z.
        tiltErrorRad = (q.Conjugate() * reduced).Canonical().ToRotationVector();

        // What is left is a rotation about the shared Z axis: the heading error, the short way.
        Quaternion heading = (reduced.Conjugate() * qd).Canonical();
        headingErrorRad = 2.0 * Math.Atan2(heading.Z, heading.W);
    }

    private Vector3 LimitRates(Vector3 rateRadps)
    {
        double rx = rateRadps.X / _parameters.MaxRollRateRadps;
        double ry = rateRadps.Y / _parameters.MaxPitchRateRadps;
        double n = Math.Sqrt((rx * rx) + (ry * ry));
        double s = n > 1.0 ? 1.0 / n : 1.0;
        double yawMax = _parameters.MaxYawRateRadps;
        return new Vector3(rateRadps.X * s, rateRadps.Y * s, Math.Clamp(rateRadps.Z, -yawMax, yawMax));
    }
}
