using System.Runtime.CompilerServices;

namespace StrategicTech.Navigation.Numerics;

/// <summary>
/// A rotation quaternion in the Hamilton convention (i·j = k), scalar first: q = W + X·i + Y·j + Z·k.
/// <para>
/// As in PX4, an attitude quaternion rotates vectors from the body frame (FRD) to the earth frame (NED):
/// v_ned = q ⊗ v_body ⊗ q*. Composition <c>a * b</c> applies <c>b</c> first, then <c>a</c>.
/// Euler angles are the aerospace 3-2-1 sequence (yaw about Z, then pitch about Y, then roll about X).
/// </para>
/// </summary>
public readonly record struct Quaternion(double W, double X, double Y, double Z)
{
    public static Quaternion Identity => new(1, 0, 0, 0);

    public Vector3 Vector => new(X, Y, Z);

    public double NormSquared => (W * W) + (X * X) + (Y * Y) + (Z * Z);

    public double Norm => Math.Sqrt(NormSquared);

    public bool IsFinite => double.IsFinite(W) && double.IsFinite(X) && double.IsFinite(Y) && double.IsFinite(Z);

    public Quaternion Conjugate() => new(W, -X, -Y, -Z);

    /// <summary>The inverse; for a unit quaternion this is the conjugate.</summary>
    public Quaternion Inverse()
    {
        double n2 = NormSquared;
        return new(W / n2, -X / n2, -Y / n2, -Z / n2);
    }

    /// <summary>Unit-norm copy. A zero quaternion (no rotation information) becomes the identity.</summary>
    public Quaternion Normalized()
    {
        double n = Norm;
        return n > 0 ? new(W / n, X / n, Y / n, Z / n) : Identity;
    }

    /// <summary>Same rotation with a non-negative scalar part (q and −q rotate alike).</summary>
    public Quaternion Canonical() => W < 0 ? new(-W, -X, -Y, -Z) : this;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Quaternion operator *(Quaternion a, Quaternion b) => new(
        (a.W * b.W) - (a.X * b.X) - (a.Y * b.Y) - (a.Z * b.Z),
        (a.W * b.X) + (a.X * b.W) + (a.Y * b.Z) - (a.Z * b.Y),
        (a.W * b.Y) - (a.X * b.Z) + (a.Y * b.W) + (a.Z * b.X),
        (a.W * b.Z) + (a.X * b.Y) - (a.Y * b.X) + (a.Z * b.W));

    public static Quaternion operator *(Quaternion q, double s) => new(q.W * s, q.X * s, q.Y * s, q.Z * s);
    public static Quaternion operator +(Quaternion a, Quaternion b) => new(a.W + b.W, a.X + b.X, a.Y + b.Y, a.Z + b.Z);
    public static Quaternion operator -(Quaternion a) => new(-a.W, -a.X, -a.Y, -a.Z);

    public static double Dot(Quaternion a, Quaternion b) => (a.W * b.W) + (a.X * b.X) + (a.Y * b.Y) + (a.Z * b.Z);

    /// <summary>Rotates <paramref name="v"/> by this unit quaternion (body → earth for an attitude).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector3 Rotate(Vector3 v)
    {
        // v' = v + 2w(u×v) + 2u×(u×v), u the vector part: 2 cross products instead of 2 quaternion products.
        var u = new Vector3(X, Y, Z);
        Vector3 t = 2.0 * Vector3.Cross(u, v);
        return v + (W * t) + Vector3.Cross(u, t);
    }

    /// <summary>Rotates by the inverse of this unit quaternion (earth → body for an attitude).</summary>
    public Vector3 RotateInverse(Vector3 v) => Conjugate().Rotate(v);

    /// <summary>Quaternion of the rotation about unit <paramref name="axis"/> by <paramref name="angleRad"/>.</summary>
    public static Quaternion FromAxisAngle(Vector3 axis, double angleRad)
    {
        Vector3 unit = axis.Normalized();
        double half = 0.5 * angleRad;
        double s = Math.Sin(half);
        return new(Math.Cos(half), unit.X * s, unit.Y * s, unit.Z * s);
    }

    /// <summary>
    /// Exponential map: the rotation vector θ·n (rad) to a unit quaternion. A Taylor series near zero keeps
    /// full precision for the tiny delta angles of one IMU sample.
    /// </summary>
    public static Quaternion FromRotationVector(Vector3 rotationRad)
    {
        double theta2 = rotationRad.LengthSquared;
        double w, k;
        if (theta2 < 1e-8)
        {
            // cos(θ/2) ≈ 1 − θ²/8 + θ⁴/384; sin(θ/2)/θ ≈ 1/2 − θ²/48 + θ⁴/3840
            w = 1 - (theta2 / 8) + (theta2 * theta2 / 384);
            k = 0.5 - (theta2 / 48) + (theta2 * theta2 / 3840);
        }
        else
        {
            double theta = Math.Sqrt(theta2);
            w = Math.Cos(0.5 * theta);
            k = Math.Sin(0.5 * theta) / theta;
        }

        return new(w, rotationRad.X * k, rotationRad.Y * k, rotationRad.Z * k);
    }

    /// <summary>Logarithm map: the rotation vector (rad, angle in [0, π]) of this unit quaternion.</summary>
    public Vector3 ToRotationVector()
    {
        Quaternion q = Canonical();
        double s = q.Vector.Length;
        if (s < 1e-8)
        {
            // θ ≈ 2s and 2·atan2(s, w)/s ≈ 2/w (1 − s²/(3w²)) for small s.
            double factor = (2.0 / q.W) * (1 - (s * s / (3 * q.W * q.W)));
            return q.Vector * factor;
        }

        double angle = 2.0 * Math.Atan2(s, q.W);
        return q.Vector * (angle / s);
    }

    /// <summary>Attitude from 3-2-1 Euler angles: q = Rz(yaw) ⊗ Ry(pitch) ⊗ Rx(roll).</summary>
    public static Quaternion FromEuler(double rollRad, double pitchRad, double yawRad)
    {
        double cr = Math.Cos(0.5 * rollRad), sr = Math.Sin(0.5 * rollRad);
        double cp = Math.Cos(0.5 * pitchRad), sp = Math.Sin(0.5 * pitchRad);
        double cy = Math.Cos(0.5 * yawRad), sy = Math.Sin(0.5 * yawRad);
        return new(
            (cr * cp * cy) + (sr * sp * sy),
            (sr * cp * cy) - (cr * sp * sy),
            (cr * sp * cy) + (sr * cp * sy),
            (cr * cp * sy) - (sr * sp * cy));
    }

    /// <summary>3-2-1 Euler angles (roll, pitch, yaw) in rad; pitch is clamped to ±π/2 at gimbal lock.</summary>
    public Vector3 ToEuler()
    {
        double roll = Math.Atan2(2 * ((W * X) + (Y * Z)), 1 - (2 * ((X * X) + (Y * Y))));
        double sinPitch = Math.Clamp(2 * ((W * Y) - (Z * X)), -1.0, 1.0);
        double pitch = Math.Asin(sinPitch);
        double yaw = Math.Atan2(2 * ((W * Z) + (X * Y)), 1 - (2 * ((Y * Y) + (Z * Z))));
        return new(roll, pitch, yaw);
    }

    /// <summary>The direction cosine matrix that rotates like this unit quaternion (body → earth).</summary>
    public Matrix3 ToRotationMatrix()
    {
        double ww = W * W, xx = X * X, yy = Y * Y, zz = Z * Z;
        double xy = X * Y, xz = X * Z, yz = Y * Z, wx = W * X, wy = W * Y, wz = W * Z;
        return new(
            ww + xx - yy - zz, 2 * (xy - wz), 2 * (xz + wy),
            2 * (xy + wz), ww - xx + yy - zz, 2 * (yz - wx),
            2 * (xz - wy), 2 * (yz + wx), ww - xx - yy + zz);
    }

    /// <summary>Unit quaternion of a proper rotation matrix (Shepperd's method: divide by the largest term).</summary>
    public static Quaternion FromRotationMatrix(in Matrix3 r)
    {
        double trace = r.M11 + r.M22 + r.M33;
        Quaternion q;
        if (trace > r.M11 && trace > r.M22 && trace > r.M33)
        {
            double s = 2 * Math.Sqrt(1 + trace);
            q = new(0.25 * s, (r.M32 - r.M23) / s, (r.M13 - r.M31) / s, (r.M21 - r.M12) / s);
        }
        else if (r.M11 > r.M22 && r.M11 > r.M33)
        {
            double s = 2 * Math.Sqrt(1 + r.M11 - r.M22 - r.M33);
            q = new((r.M32 - r.M23) / s, 0.25 * s, (r.M12 + r.M21) / s, (r.M13 + r.M31) / s);
        }
        else if (r.M22 > r.M33)
        {
            double s = 2 * Math.Sqrt(1 + r.M22 - r.M11 - r.M33);
            q = new((r.M13 - r.M31) / s, (r.M12 + r.M21) / s, 0.25 * s, (r.M23 + r.M32) / s);
        }
        else
        {
            double s = 2 * Math.Sqrt(1 + r.M33 - r.M11 - r.M22);
            q = new((r.M21 - r.M12) / s, (r.M13 + r.M31) / s, (r.M23 + r.M32) / s, 0.25 * s);
        }

        return q.Normalized().Canonical();
    }

    /// <summary>Smallest rotation angle (rad, in [0, π]) between two attitudes.</summary>
    public static double AngleBetween(Quaternion a, Quaternion b)
    {
        // atan2 of the relative rotation rather than acos of the dot product: acos loses half the digits near
        // zero (2·acos(1 − ε) ≈ 4e-8 rad for one rounding), which would hide real errors below that.
        Quaternion relative = a.Normalized().Conjugate() * b.Normalized();
        return 2 * Math.Atan2(relative.Vector.Length, Math.Abs(relative.W));
    }
}
