using MathNet.Numerics.LinearAlgebra;
using StrategicTech.Navigation.Estimation.Uav;
using StrategicTech.Navigation.Numerics;

namespace StrategicTech.Navigation.Tests.Estimation;

/// <summary>
/// Reference covariance arithmetic with dense MathNet matrices, written the textbook way:
/// P = F P F^T with the full 23x23 F, and K = P H^T / (H P H^T + R), P = P - K H P, P = (P + P^T) / 2.
/// Slow by design; only tests use it.
/// </summary>
internal sealed class DenseReferenceKernel : IErrorCovarianceKernel
{
    private const int N = UavErrorIndex.Count;
    private readonly double[] _f = new double[N * N];

    public void Predict(double[] covariance, in Matrix3 rotation, Vector3 velocityIncrementNed, double dtS, int activeCount)
    {
        UavErrorTransition.BuildDense(rotation, velocityIncrementNed, dtS, _f);
        Matrix<double> f = Matrix<double>.Build.Dense(N, N, (i, j) => _f[(i * N) + j]);
        Matrix<double> p = Load(covariance);
        Store(f * p * f.Transpose(), covariance);
        _ = activeCount;
    }

    public double Update(double[] covariance, ReadOnlySpan<int> index, ReadOnlySpan<double> h, double observationVariance, Span<double> gain, int activeCount)
    {
        Matrix<double> p = Load(covariance);
        Matrix<double> hRow = Matrix<double>.Build.Dense(1, N);
        for (int b = 0; b < index.Length; b++)
        {
            hRow[0, index[b]] += h[b];
        }

        double s = (hRow * p * hRow.Transpose())[0, 0] + observationVariance;
        if (!(s > observationVariance) || !double.IsFinite(s))
        {
            return double.NaN;
        }

        Matrix<double> k = p * hRow.Transpose() / s;
        Matrix<double> updated = p - (k * hRow * p);
        Store((updated + updated.Transpose()) / 2, covariance);
        for (int i = 0; i < N; i++)
        {
            gain[i] = k[i, 0];
        }

        _ = activeCount; // the dense kernel always works on all 23 states

        return s;
    }

    private static Matrix<double> Load(double[] covariance) => Matrix<double>.Build.Dense(N, N, (i, j) => covariance[(i * UavFilterCore.Stride) + j]);

    private static void Store(Matrix<double> m, double[] covariance)
    {
        for (int i = 0; i < N; i++)
        {
            for (int j = 0; j < N; j++)
            {
                covariance[(i * UavFilterCore.Stride) + j] = m[i, j];
            }
        }
    }
}
