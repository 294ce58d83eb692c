using StrategicTech.Navigation.Numerics;

namespace StrategicTech.Navigation.Estimation.Uav;

/// <summary>Production kernel: sparse prediction and rank-1 scalar update on the upper triangle, mirrored.</summary>
public sealed class SparseErrorCovarianceKernel : IErrorCovarianceKernel
{
    private const int N = UavErrorIndex.Count;

    public static SparseErrorCovarianceKernel Instance { get; } = new();

    public void Predict(double[] covariance, in Matrix3 rotation, Vector3 velocityIncrementNed, double dtS) =>
        UavFilterCore.PredictCovariance(covariance, rotation, velocityIncrementNed, dtS);

    public double Update(double[] covariance, ReadOnlySpan<int> index, ReadOnlySpan<double> h, double observationVariance, Span<double> gain)
    {
        ArgumentNullException.ThrowIfNull(covariance);
        double[] p = covariance;
        Span<double> pht = stackalloc double[N];
        for (int i = 0; i < N; i++)
        {
            int row = i * N;
            double acc = 0;
            for (int b = 0; b < index.Length; b++)
            {
                acc += p[row + index[b]] * h[b];
            }

            pht[i] = acc;
        }

        double s = observationVariance;
        for (int b = 0; b < index.Length; b++)
        {
            s += h[b] * pht[index[b]];
        }

        if (!(s > observationVariance) || !double.IsFinite(s))
        {
            return double.NaN;
        }

        double invS = 1.0 / s;
        for (int i = 0; i < N; i++)
        {
            gain[i] = pht[i] * invS;
        }

        for (int i = 0; i < N; i++)
        {
            double ki = gain[i];
            if (ki == 0)
            {
                continue;
            }

            int row = i * N;
            for (int j = i; j < N; j++)
            {
                p[row + j] -= ki * pht[j];
            }
        }

        for (int i = 1; i < N; i++)
        {
            int row = i * N;
            for (int j = 0; j < i; j++)
            {
                p[row + j] = p[(j * N) + i];
            }
        }

        return s;
    }
}
