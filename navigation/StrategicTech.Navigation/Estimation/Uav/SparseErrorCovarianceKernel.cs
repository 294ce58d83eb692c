using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using StrategicTech.Navigation.Numerics;

namespace StrategicTech.Navigation.Estimation.Uav;

/// <summary>
/// Production kernel. Rows are 24 doubles (six 256-bit vectors); loops stop at the active state count, so frozen
/// magnetic and wind states cost nothing. Prediction: whole-row SIMD for F P on the 9 changed rows, symmetric
/// copies for their columns, scalar column operations only on the 9x9 block. Update: P h^T as a sum of rows
/// (P is symmetric), then P -= w w^T with w = P h^T / sqrt(S), which keeps P exactly symmetric.
/// </summary>
public sealed class SparseErrorCovarianceKernel : IErrorCovarianceKernel
{
    private const int N = UavErrorIndex.Count;
    private const int S = UavFilterCore.Stride;
    private const int Changed = 9; // attitude, velocity, position rows

    public static SparseErrorCovarianceKernel Instance { get; } = new();

    public void Predict(double[] covariance, in Matrix3 rotation, Vector3 velocityIncrementNed, double dtS, int activeCount) =>
        UavFilterCore.PredictCovariance(covariance, rotation, velocityIncrementNed, dtS, activeCount);

    /// <summary>Rows attitude, velocity, position of F P (in place), as whole-row vector operations.</summary>
    internal static void PredictRows(double[] p, in Matrix3 r, Vector3 a, double dt, int activeCount)
    {
        ref double b = ref MemoryMarshal.GetArrayDataReference(p);
        Vector256<double> hd = Vector256.Create(0.5 * dt);
        Vector256<double> ax = Vector256.Create(a.X), ay = Vector256.Create(a.Y), az = Vector256.Create(a.Z);
        Vector256<double> r00 = Vector256.Create(-r.M11 * dt), r01 = Vector256.Create(-r.M12 * dt), r02 = Vector256.Create(-r.M13 * dt);
        Vector256<double> r10 = Vector256.Create(-r.M21 * dt), r11 = Vector256.Create(-r.M22 * dt), r12 = Vector256.Create(-r.M23 * dt);
        Vector256<double> r20 = Vector256.Create(-r.M31 * dt), r21 = Vector256.Create(-r.M32 * dt), r22 = Vector256.Create(-r.M33 * dt);
        int end = (activeCount + 3) & ~3;
        for (int c = 0; c < end; c += 4)
        {
            nuint o = (nuint)c;
            Vector256<double> t0 = Vector256.LoadUnsafe(ref b, o);
            Vector256<double> t1 = Vector256.LoadUnsafe(ref b, o + S);
            Vector256<double> t2 = Vector256.LoadUnsafe(ref b, o + (2 * S));
            Vector256<double> v0 = Vector256.LoadUnsafe(ref b, o + (3 * S));
            Vector256<double> v1 = Vector256.LoadUnsafe(ref b, o + (4 * S));
            Vector256<double> v2 = Vector256.LoadUnsafe(ref b, o + (5 * S));
            Vector256<double> g0 = Vector256.LoadUnsafe(ref b, o + (9 * S));
            Vector256<double> g1 = Vector256.LoadUnsafe(ref b, o + (10 * S));
            Vector256<double> g2 = Vector256.LoadUnsafe(ref b, o + (11 * S));
            Vector256<double> a0 = Vector256.LoadUnsafe(ref b, o + (12 * S));
            Vector256<double> a1 = Vector256.LoadUnsafe(ref b, o + (13 * S));
            Vector256<double> a2 = Vector256.LoadUnsafe(ref b, o + (14 * S));
            Vector256<double> n0 = v0 + (az * t1) - (ay * t2) + (r00 * a0) + (r01 * a1) + (r02 * a2);
            Vector256<double> n1 = v1 - (az * t0) + (ax * t2) + (r10 * a0) + (r11 * a1) + (r12 * a2);
            Vector256<double> n2 = v2 + (ay * t0) - (ax * t1) + (r20 * a0) + (r21 * a1) + (r22 * a2);
            (Vector256.LoadUnsafe(ref b, o + (6 * S)) + (hd * (v0 + n0))).StoreUnsafe(ref b, o + (6 * S));
            (Vector256.LoadUnsafe(ref b, o + (7 * S)) + (hd * (v1 + n1))).StoreUnsafe(ref b, o + (7 * S));
            (Vector256.LoadUnsafe(ref b, o + (8 * S)) + (hd * (v2 + n2))).StoreUnsafe(ref b, o + (8 * S));
            n0.StoreUnsafe(ref b, o + (3 * S));
            n1.StoreUnsafe(ref b, o + (4 * S));
            n2.StoreUnsafe(ref b, o + (5 * S));
            (t0 + (r00 * g0) + (r01 * g1) + (r02 * g2)).StoreUnsafe(ref b, o);
            (t1 + (r10 * g0) + (r11 * g1) + (r12 * g2)).StoreUnsafe(ref b, o + S);
            (t2 + (r20 * g0) + (r21 * g1) + (r22 * g2)).StoreUnsafe(ref b, o + (2 * S));
        }
    }

    /// <summary>Finishes (F P) F^T: columns of the changed rows by symmetry, then the 9x9 block explicitly.</summary>
    internal static void CompleteColumns(double[] p, in Matrix3 r, Vector3 a, double dt, int activeCount)
    {
        ref double b = ref MemoryMarshal.GetArrayDataReference(p);
        for (int i = Changed; i < activeCount; i++)
        {
            ref double row = ref Unsafe.Add(ref b, i * S);
            for (int j = 0; j < Changed; j++)
            {
                Unsafe.Add(ref row, j) = Unsafe.Add(ref b, (j * S) + i);
            }
        }

        double halfDt = 0.5 * dt;
        double r00 = -r.M11 * dt, r01 = -r.M12 * dt, r02 = -r.M13 * dt;
        double r10 = -r.M21 * dt, r11 = -r.M22 * dt, r12 = -r.M23 * dt;
        double r20 = -r.M31 * dt, r21 = -r.M32 * dt, r22 = -r.M33 * dt;
        double ax = a.X, ay = a.Y, az = a.Z;
        for (int i = 0; i < Changed; i++)
        {
            ref double row = ref Unsafe.Add(ref b, i * S);
            double t0 = row, t1 = Unsafe.Add(ref row, 1), t2 = Unsafe.Add(ref row, 2);
            double v0 = Unsafe.Add(ref row, 3), v1 = Unsafe.Add(ref row, 4), v2 = Unsafe.Add(ref row, 5);
            double g0 = Unsafe.Add(ref row, 9), g1 = Unsafe.Add(ref row, 10), g2 = Unsafe.Add(ref row, 11);
            double a0 = Unsafe.Add(ref row, 12), a1 = Unsafe.Add(ref row, 13), a2 = Unsafe.Add(ref row, 14);
            double n0 = v0 + (az * t1) - (ay * t2) + (r00 * a0) + (r01 * a1) + (r02 * a2);
            double n1 = v1 - (az * t0) + (ax * t2) + (r10 * a0) + (r11 * a1) + (r12 * a2);
            double n2 = v2 + (ay * t0) - (ax * t1) + (r20 * a0) + (r21 * a1) + (r22 * a2);
            Unsafe.Add(ref row, 6) += halfDt * (v0 + n0);
            Unsafe.Add(ref row, 7) += halfDt * (v1 + n1);
            Unsafe.Add(ref row, 8) += halfDt * (v2 + n2);
            Unsafe.Add(ref row, 3) = n0;
            Unsafe.Add(ref row, 4) = n1;
            Unsafe.Add(ref row, 5) = n2;
            row = t0 + (r00 * g0) + (r01 * g1) + (r02 * g2);
            Unsafe.Add(ref row, 1) = t1 + (r10 * g0) + (r11 * g1) + (r12 * g2);
            Unsafe.Add(ref row, 2) = t2 + (r20 * g0) + (r21 * g1) + (r22 * g2);
        }

        // The block is symmetric in exact arithmetic; mirror its upper triangle so it is bit-for-bit.
        for (int i = 1; i < Changed; i++)
        {
            for (int j = 0; j < i; j++)
            {
                Unsafe.Add(ref b, (i * S) + j) = Unsafe.Add(ref b, (j * S) + i);
            }
        }
    }

    public double Update(double[] covariance, ReadOnlySpan<int> index, ReadOnlySpan<double> h, double observationVariance, Span<double> gain, int activeCount)
    {
        ArgumentNullException.ThrowIfNull(covariance);
        ArgumentOutOfRangeException.ThrowIfLessThan(covariance.Length, N * S, nameof(covariance));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(activeCount, N);
        foreach (int k in index)
        {
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)k, (uint)N, nameof(index));
        }

        ref double b = ref MemoryMarshal.GetArrayDataReference(covariance);
        int end = (activeCount + 3) & ~3;
        Vector24 phtStorage = default;
        Span<double> pht = phtStorage;
        ref double ph = ref MemoryMarshal.GetReference(pht);

        // P h^T = sum over the non-zero entries of h of h_k * (row k of P), P being symmetric.
        for (int c = 0; c < end; c += 4)
        {
            Vector256<double> acc = Vector256<double>.Zero;
            for (int k = 0; k < index.Length; k++)
            {
                acc += Vector256.Create(h[k]) * Vector256.LoadUnsafe(ref b, (nuint)((index[k] * S) + c));
            }

            acc.StoreUnsafe(ref ph, (nuint)c);
        }

        double s = observationVariance;
        for (int k = 0; k < index.Length; k++)
        {
            s += h[k] * pht[index[k]];
        }

        if (!(s > observationVariance) || !double.IsFinite(s))
        {
            return double.NaN;
        }

        double invS = 1.0 / s;
        gain.Clear();
        for (int i = 0; i < activeCount; i++)
        {
            gain[i] = pht[i] * invS;
        }

        // P -= w w^T, w = P h^T / sqrt(S): the product w_i w_j is the same for (i, j) and (j, i).
        double scale = Math.Sqrt(invS);
        for (int c = 0; c < end; c += 4)
        {
            (Vector256.LoadUnsafe(ref ph, (nuint)c) * scale).StoreUnsafe(ref ph, (nuint)c);
        }

        for (int i = 0; i < activeCount; i++)
        {
            double wi = pht[i];
            if (wi == 0)
            {
                continue;
            }

            Vector256<double> w = Vector256.Create(wi);
            nuint row = (nuint)(i * S);
            for (int c = 0; c < end; c += 4)
            {
                nuint o = row + (nuint)c;
                (Vector256.LoadUnsafe(ref b, o) - (w * Vector256.LoadUnsafe(ref ph, (nuint)c))).StoreUnsafe(ref b, o);
            }
        }

        return s;
    }
}
