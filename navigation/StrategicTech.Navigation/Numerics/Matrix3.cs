namespace StrategicTech.Navigation.Numerics;

/// <summary>A row-major double-precision 3×3 matrix (Mrc = row r, column c).</summary>
public readonly record struct Matrix3(
    double M11, double M12, double M13,
    double M21, double M22, double M23,
    double M31, double M32, double M33)
{
    public static Matrix3 Identity => new(1, 0, 0, 0, 1, 0, 0, 0, 1);
    public static Matrix3 Zero => default;

    public static Matrix3 Diagonal(double d1, double d2, double d3) => new(d1, 0, 0, 0, d2, 0, 0, 0, d3);

    /// <summary>The cross-product matrix: Skew(a)·b = a × b.</summary>
    public static Matrix3 Skew(Vector3 a) => new(0, -a.Z, a.Y, a.Z, 0, -a.X, -a.Y, a.X, 0);

    public static Matrix3 FromRows(Vector3 r1, Vector3 r2, Vector3 r3) =>
        new(r1.X, r1.Y, r1.Z, r2.X, r2.Y, r2.Z, r3.X, r3.Y, r3.Z);

    public static Matrix3 FromColumns(Vector3 c1, Vector3 c2, Vector3 c3) =>
        new(c1.X, c2.X, c3.X, c1.Y, c2.Y, c3.Y, c1.Z, c2.Z, c3.Z);

    public Vector3 Row1 => new(M11, M12, M13);
    public Vector3 Row2 => new(M21, M22, M23);
    public Vector3 Row3 => new(M31, M32, M33);
    public Vector3 Column1 => new(M11, M21, M31);
    public Vector3 Column2 => new(M12, M22, M32);
    public Vector3 Column3 => new(M13, M23, M33);

    public double this[int row, int column] => (row, column) switch
    {
        (0, 0) => M11, (0, 1) => M12, (0, 2) => M13,
        (1, 0) => M21, (1, 1) => M22, (1, 2) => M23,
        (2, 0) => M31, (2, 1) => M32, (2, 2) => M33,
        _ => throw new ArgumentOutOfRangeException(nameof(row), $"({row}, {column}) is outside a 3×3 matrix."),
    };

    public double Trace => M11 + M22 + M33;

    public double Determinant =>
        (M11 * ((M22 * M33) - (M23 * M32))) - (M12 * ((M21 * M33) - (M23 * M31))) + (M13 * ((M21 * M32) - (M22 * M31)));

    public Matrix3 Transpose() => new(M11, M21, M31, M12, M22, M32, M13, M23, M33);

    /// <summary>The inverse by the adjugate; <see langword="false"/> when the matrix is singular to working precision.</summary>
    public bool TryInvert(out Matrix3 inverse)
    {
        double det = Determinant;
        double scale = Math.Max(Math.Abs(M11) + Math.Abs(M12) + Math.Abs(M13), 1e-300);
        if (!double.IsFinite(det) || Math.Abs(det) <= 1e-14 * scale * scale * scale)
        {
            inverse = default;
            return false;
        }

        double k = 1.0 / det;
        inverse = new(
            ((M22 * M33) - (M23 * M32)) * k, ((M13 * M32) - (M12 * M33)) * k, ((M12 * M23) - (M13 * M22)) * k,
            ((M23 * M31) - (M21 * M33)) * k, ((M11 * M33) - (M13 * M31)) * k, ((M13 * M21) - (M11 * M23)) * k,
            ((M21 * M32) - (M22 * M31)) * k, ((M12 * M31) - (M11 * M32)) * k, ((M11 * M22) - (M12 * M21)) * k);
        return true;
    }

    public static Vector3 operator *(in Matrix3 m, Vector3 v) => new(
        (m.M11 * v.X) + (m.M12 * v.Y) + (m.M13 * v.Z),
        (m.M21 * v.X) + (m.M22 * v.Y) + (m.M23 * v.Z),
        (m.M31 * v.X) + (m.M32 * v.Y) + (m.M33 * v.Z));

    public static Matrix3 operator *(in Matrix3 a, in Matrix3 b) => new(
        (a.M11 * b.M11) + (a.M12 * b.M21) + (a.M13 * b.M31),
        (a.M11 * b.M12) + (a.M12 * b.M22) + (a.M13 * b.M32),
        (a.M11 * b.M13) + (a.M12 * b.M23) + (a.M13 * b.M33),
        (a.M21 * b.M11) + (a.M22 * b.M21) + (a.M23 * b.M31),
        (a.M21 * b.M12) + (a.M22 * b.M22) + (a.M23 * b.M32),
        (a.M21 * b.M13) + (a.M22 * b.M23) + (a.M23 * b.M33),
        (a.M31 * b.M11) + (a.M32 * b.M21) + (a.M33 * b.M31),
        (a.M31 * b.M12) + (a.M32 * b.M22) + (a.M33 * b.M32),
        (a.M31 * b.M13) + (a.M32 * b.M23) + (a.M33 * b.M33));

    public static Matrix3 operator *(in Matrix3 m, double s) => new(
        m.M11 * s, m.M12 * s, m.M13 * s, m.M21 * s, m.M22 * s, m.M23 * s, m.M31 * s, m.M32 * s, m.M33 * s);

    public static Matrix3 operator +(in Matrix3 a, in Matrix3 b) => new(
        a.M11 + b.M11, a.M12 + b.M12, a.M13 + b.M13,
        a.M21 + b.M21, a.M22 + b.M22, a.M23 + b.M23,
        a.M31 + b.M31, a.M32 + b.M32, a.M33 + b.M33);

    public static Matrix3 operator -(in Matrix3 a, in Matrix3 b) => a + (b * -1.0);
}
