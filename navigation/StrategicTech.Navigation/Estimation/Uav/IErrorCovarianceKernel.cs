using StrategicTech.Navigation.Numerics;

namespace StrategicTech.Navigation.Estimation.Uav;

/// <summary>
/// The covariance arithmetic of <see cref="UavFilterCore"/>: prediction P = F P F^T and the scalar update, on a
/// covariance stored row-major with row stride <see cref="UavFilterCore.Stride"/>; states at or above
/// activeCount are frozen (zero rows and columns). <see cref="SparseErrorCovarianceKernel"/> is the fast
/// production kernel; tests plug in a dense MathNet kernel to prove it equal to textbook matrix algebra.
/// </summary>
public interface IErrorCovarianceKernel
{
    /// <summary>P = F P F^T for the step described by R (after the step), a = R dv_mid and dt (see <see cref="UavErrorTransition"/>).</summary>
    void Predict(double[] covariance, in Matrix3 rotation, Vector3 velocityIncrementNed, double dtS, int activeCount);

    /// <summary>
    /// Scalar update with sparse row h: writes K = P h^T / S into <paramref name="gain"/>, sets P = P - K h P and
    /// returns S; returns NaN (P untouched) when S is not larger than the observation variance.
    /// </summary>
    double Update(double[] covariance, ReadOnlySpan<int> index, ReadOnlySpan<double> h, double observationVariance, Span<double> gain, int activeCount);
}
