using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using StrategicTech.Navigation.Numerics;

namespace StrategicTech.Navigation.Tests.Numerics;

/// <summary>Random quaternions (any scale, both hemispheres) and Euler triples away from gimbal lock.</summary>
public static class QuaternionGenerators
{
    private static Gen<double> Unit() => Gen.Choose(-1_000_000, 1_000_000).Select(i => i * 1e-6);

    public static Arbitrary<Quaternion> Quaternions() =>
        (from w in Unit()
         from x in Unit()
         from y in Unit()
         from z in Unit()
         from scale in Gen.Elements(1e-3, 1.0, 7.5, 1e3)
         where (w * w) + (x * x) + (y * y) + (z * z) > 1e-6
         select new Quaternion(w * scale, x * scale, y * scale, z * scale)).ToArbitrary();

    public static Arbitrary<EulerAngles> Eulers() =>
        (from roll in Gen.Choose(-179_999, 179_999)
         from pitch in Gen.Choose(-85_000, 85_000)
         from yaw in Gen.Choose(-179_999, 179_999)
         select new EulerAngles(roll * 1e-3 * Math.PI / 180, pitch * 1e-3 * Math.PI / 180, yaw * 1e-3 * Math.PI / 180)).ToArbitrary();

    /// <summary>Rotation vectors with angle below π (where exp/log is one-to-one).</summary>
    public static Arbitrary<Vector3> RotationVectors() =>
        (from x in Unit()
         from y in Unit()
         from z in Unit()
         from angle in Gen.Choose(0, 3_141_000).Select(i => i * 1e-6)
         let v = new Vector3(x, y, z)
         where v.Length > 1e-3
         select v * (angle / v.Length)).ToArbitrary();
}

public readonly record struct EulerAngles(double RollRad, double PitchRad, double YawRad);

[Properties(Arbitrary = [typeof(QuaternionGenerators)], MaxTest = 1000)]
public class QuaternionPropertyTests
{
    [Property]
    public bool Normalized_has_unit_norm(Quaternion q) => Math.Abs(q.Normalized().Norm - 1) <= 2e-16 * 4;

    [Property]
    public bool Composition_is_associative(Quaternion a, Quaternion b, Quaternion c)
    {
        Quaternion qa = a.Normalized(), qb = b.Normalized(), qc = c.Normalized();
        Quaternion left = (qa * qb) * qc, right = qa * (qb * qc);
        return Math.Abs(left.W - right.W) + Math.Abs(left.X - right.X) + Math.Abs(left.Y - right.Y) + Math.Abs(left.Z - right.Z) <= 1e-14;
    }

    [Property]
    public bool Composition_matches_applying_rotations_in_turn(Quaternion a, Quaternion b)
    {
        Quaternion qa = a.Normalized(), qb = b.Normalized();
        var v = new Vector3(0.3, -1.2, 2.0);
        return ((qa * qb).Rotate(v) - qa.Rotate(qb.Rotate(v))).Length <= 1e-13;
    }

    [Property]
    public bool Exp_of_log_is_identity(Quaternion q)
    {
        Quaternion unit = q.Normalized();
        return Quaternion.AngleBetween(unit, Quaternion.FromRotationVector(unit.ToRotationVector())) <= 1e-12;
    }

    [Property]
    public bool Log_of_exp_is_identity(Vector3 rotationRad) =>
        (Quaternion.FromRotationVector(rotationRad).ToRotationVector() - rotationRad).Length <= 1e-12;

    [Property]
    public bool Euler_round_trip_away_from_gimbal_lock(EulerAngles e)
    {
        Vector3 back = Quaternion.FromEuler(e.RollRad, e.PitchRad, e.YawRad).ToEuler();
        return Math.Abs(back.X - e.RollRad) <= 1e-12 && Math.Abs(back.Y - e.PitchRad) <= 1e-12 && Math.Abs(back.Z - e.YawRad) <= 1e-12;
    }

    [Property]
    public bool Rotation_preserves_length(Quaternion q)
    {
        var v = new Vector3(1.5, -2.5, 0.75);
        return Math.Abs(q.Normalized().Rotate(v).Length - v.Length) <= 1e-14;
    }
}
