using StrategicTech.Navigation.Estimation.Uav;
using StrategicTech.Navigation.Numerics;
using E = StrategicTech.Navigation.Estimation.Uav.UavErrorIndex;

namespace StrategicTech.Sim.Lockstep;

/// <summary>
/// The EKF's stated uncertainty beside its actual error against truth, at one instant: 1σ of position (absolute:
/// the filter's block plus the receiver's slow error, <see cref="UavEkf.AbsolutePositionCovariance"/>), velocity and
/// attitude (the error-state rotation vector in NED: tilt about north, tilt about east, yaw), and the normalised
/// estimation error squared (NEES, e' P⁻¹ e) of position (3 DOF), velocity (3 DOF) and yaw (1 DOF). A consistent
/// filter's NEES averages its degrees of freedom. The covariance is the delayed horizon's, the error the output
/// estimate's against truth now (the horizon is ~0.1 s deep: a small mismatch during fast motion). NaN before the EKF
/// has an origin. No allocation.
/// </summary>
public readonly record struct EstimateConsistency(
    Vector3 PositionSigmaNedM,
    Vector3 VelocitySigmaNedMps,
    Vector3 AttitudeSigmaNedRad,
    double PositionNees,
    double VelocityNees,
    double YawNees)
{
    /// <summary>Every figure NaN (no estimate yet).</summary>
    public static EstimateConsistency None { get; } = new(
        new(double.NaN, double.NaN, double.NaN), new(double.NaN, double.NaN, double.NaN), new(double.NaN, double.NaN, double.NaN),
        double.NaN, double.NaN, double.NaN);

    /// <summary>The figures of <paramref name="vehicle"/> now.</summary>
    public static EstimateConsistency Of(SitlVehicle vehicle)
    {
        ArgumentNullException.ThrowIfNull(vehicle);
        if (!double.IsFinite(vehicle.EkfPositionErrorM))
        {
            return None;
        }

        UavEkf ekf = vehicle.Ekf;
        ReadOnlySpan<double> p = ekf.Core.Covariance;
        Matrix3 position = new(
            ekf.AbsolutePositionCovariance(0, 0), ekf.AbsolutePositionCovariance(0, 1), ekf.AbsolutePositionCovariance(0, 2),
            ekf.AbsolutePositionCovariance(1, 0), ekf.AbsolutePositionCovariance(1, 1), ekf.AbsolutePositionCovariance(1, 2),
            ekf.AbsolutePositionCovariance(2, 0), ekf.AbsolutePositionCovariance(2, 1), ekf.AbsolutePositionCovariance(2, 2));
        Matrix3 velocity = Block(p, E.Velocity);
        Matrix3 attitude = Block(p, E.Attitude);
        ref readonly Physics.VehicleTruth truth = ref vehicle.Truth;
        Vector3 positionError = vehicle.EstimatedPositionHomeNedM - truth.PositionNedM;
        Vector3 velocityError = vehicle.Estimate.VelocityNedMps - truth.VelocityNedMps;
        // The filter's convention: q_true = exp(dθ) ⊗ q_estimate, dθ in NED; its down component is the yaw error.
        Vector3 attitudeError = (truth.Attitude * vehicle.Estimate.AttitudeNed.Inverse()).Canonical().ToRotationVector();
        return new(
            Sqrt(Diagonal(position)),
            Sqrt(Diagonal(velocity)),
            Sqrt(Diagonal(attitude)),
            Nees(positionError, position),
            Nees(velocityError, velocity),
            attitudeError.Z * attitudeError.Z / attitude.M33);
    }

    private static Matrix3 Block(ReadOnlySpan<double> p, int first)
    {
        int s = UavFilterCore.Stride;
        int a = first * s;
        return new(
            p[a + first], p[a + first + 1], p[a + first + 2],
            p[a + s + first], p[a + s + first + 1], p[a + s + first + 2],
            p[a + (2 * s) + first], p[a + (2 * s) + first + 1], p[a + (2 * s) + first + 2]);
    }

    private static Vector3 Diagonal(in Matrix3 m) => new(m.M11, m.M22, m.M33);

    private static Vector3 Sqrt(Vector3 v) => new(Math.Sqrt(v.X), Math.Sqrt(v.Y), Math.Sqrt(v.Z));

    private static double Nees(Vector3 error, in Matrix3 covariance) =>
        covariance.TryInvert(out Matrix3 inverse) ? Vector3.Dot(error, inverse * error) : double.NaN;
}
