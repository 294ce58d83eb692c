using StrategicTech.Navigation.Numerics;

namespace StrategicTech.Navigation.Calibration;

/// <summary>
/// Eigen-decomposition of a symmetric 3×3 matrix by cyclic Jacobi rotations (converges quadratically; a few sweeps
/// reach machine precision), and the functions of a symmetric matrix built on it (square root).
/// </summary>
public static class SymmetricEigen3
{
    /// <summary>S = V·diag(values)·Vᵀ with orthonormal columns of <paramref name="vectors"/>.</summary>
    public static void Decompose(in Matrix3 s, out Vector3 values, out Matrix3 vectors)
    {
        Span<double> a = [s.M11, s.M12, s.M13, s.M21, s.M22, s.M23, s.M31, s.M32, s.M33];
        Span<double> v = [1, 0, 0, 0, 1, 0, 0, 0, 1];
        for (int sweep = 0; sweep < 50; sweep++)
        {
            double off = (a[1] * a[1]) + (a[2] * a[2]) + (a[5] * a[5]);
            double diag = (a[0] * a[0]) + (a[4] * a[4]) + (a[8] * a[8]);
            if (off <= 1e-30 * diag || off == 0)
            {
                break;
            }

            Rotate(a, v, 0, 1);
            Rotate(a, v, 0, 2);
            Rotate(a, v, 1, 2);
        }

        values = new Vector3(a[0], a[4], a[8]);
        vectors = new Matrix3(v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8]);
    }

    /// <summary>The symmetric square root of a symmetric positive definite matrix; false when not positive definite.</summary>
    public static bool TrySqrt(in Matrix3 s, out Matrix3 root)
    {
        Decompose(s, out Vector3 values, out Matrix3 vectors);
        if (!(values.X > 0 && values.Y > 0 && values.Z > 0))
        {
            root = Matrix3.Identity;
            return false;
        }

        Matrix3 d = Matrix3.Diagonal(Math.Sqrt(values.X), Math.Sqrt(values.Y), Math.Sqrt(values.Z));
        root = vectors * d * vectors.Transpose();
        return true;
    }

    // One Jacobi rotation zeroing a[p,q] (a symmetric, row-major 3x3), accumulated into the eigenvector matrix v.
    private static void Rotate(Span<double> a, Span<double> v, int p, int q)
    {
        double apq = a[(p * 3) + q];
        if (apq == 0)
        {
            return;
        }

        double app = a[(p * 3) + p], aqq = a[(q * 3) + q];
        double theta = (aqq - app) / (2 * apq);
        double t = Math.Sign(theta) / (Math.Abs(theta) + Math.Sqrt((theta * theta) + 1));
        if (theta == 0)
        {
            t = 1;
        }

        double c = 1 / Math.Sqrt((t * t) + 1), sn = t * c;
        for (int k = 0; k < 3; k++)
        {
            // Columns p and q of a·J.
            double akp = a[(k * 3) + p], akq = a[(k * 3) + q];
            a[(k * 3) + p] = (c * akp) - (sn * akq);
            a[(k * 3) + q] = (sn * akp) + (c * akq);
        }

        for (int k = 0; k < 3; k++)
        {
            // Rows p and q of Jᵀ·(a·J).
            double apk = a[(p * 3) + k], aqk = a[(q * 3) + k];
            a[(p * 3) + k] = (c * apk) - (sn * aqk);
            a[(q * 3) + k] = (sn * apk) + (c * aqk);
        }

        for (int k = 0; k < 3; k++)
        {
            double vkp = v[(k * 3) + p], vkq = v[(k * 3) + q];
            v[(k * 3) + p] = (c * vkp) - (sn * vkq);
            v[(k * 3) + q] = (sn * vkp) + (c * vkq);
        }
    }
}
