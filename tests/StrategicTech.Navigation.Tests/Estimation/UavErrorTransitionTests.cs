using StrategicTech.Navigation.Estimation.Uav;
using StrategicTech.Navigation.Numerics;
using E = StrategicTech.Navigation.Estimation.Uav.UavErrorIndex;

namespace StrategicTech.Navigation.Tests.Estimation;

public sealed class UavErrorTransitionTests
{
    private const int N = E.Count;

    private static readonly Quaternion Attitude = Quaternion.FromEuler(0.3, -0.2, 1.1);
    private static readonly Vector3 Velocity = new(3, -2, 0.5);
    private static readonly Vector3 GyroBias = new(0.01, -0.02, 0.005);
    private static readonly Vector3 AccelBias = new(0.1, 0.05, -0.2);
    private static readonly Vector3 DeltaAngle = new(0.004, -0.002, 0.003);
    private static readonly Vector3 DeltaVelocity = new(0.02, -0.01, -0.04);
    private const double Dt = 0.004;

    /// <summary>Propagates a nominal state perturbed by error e and returns the error of the result.</summary>
    private static void PropagatedError(ReadOnlySpan<double> e, Span<double> result)
    {
        Propagate(default, out Quaternion q0, out Vector3 v0, out Vector3 p0);
        Propagate(e, out Quaternion q1, out Vector3 v1, out Vector3 p1);
        Vector3 dTheta = (q1 * q0.Conjugate()).Normalized().Canonical().ToRotationVector();
        result.Clear();
        Set(result, E.Attitude, dTheta);
        Set(result, E.Velocity, v1 - v0);
        Set(result, E.Position, p1 - p0);
        for (int i = E.GyroBias; i < N; i++)
        {
            result[i] = e.Length == 0 ? 0 : e[i];
        }
    }

    private static void Propagate(ReadOnlySpan<double> e, out Quaternion q, out Vector3 v, out Vector3 p)
    {
        Vector3 Get(ReadOnlySpan<double> x, int i) => x.Length == 0 ? Vector3.Zero : new Vector3(x[i], x[i + 1], x[i + 2]);
        q = Quaternion.FromRotationVector(Get(e, E.Attitude)) * Attitude;
        v = Velocity + Get(e, E.Velocity);
        p = new Vector3(10, 20, -5) + Get(e, E.Position);
        Vector3 bg = GyroBias + Get(e, E.GyroBias);
        Vector3 ba = AccelBias + Get(e, E.AccelBias);
        InertialIntegration.Step(ref q, ref v, ref p, DeltaAngle - (bg * Dt), DeltaVelocity - (ba * Dt), Dt, out _);
    }

    private static void Set(Span<double> x, int i, Vector3 v)
    {
        x[i] = v.X;
        x[i + 1] = v.Y;
        x[i + 2] = v.Z;
    }

    private static double[] AnalyticF()
    {
        Quaternion q = Attitude;
        Vector3 v = Velocity, p = Vector3.Zero;
        Vector3 a = InertialIntegration.Step(ref q, ref v, ref p, DeltaAngle - (GyroBias * Dt), DeltaVelocity - (AccelBias * Dt), Dt, out Matrix3 r);
        var f = new double[N * N];
        UavErrorTransition.BuildDense(r, a, Dt, f);
        return f;
    }

    [Fact]
    public void Transition_matches_central_differences_of_the_strapdown_step()
    {
        double[] f = AnalyticF();
        const double eps = 1e-6;
        var plus = new double[N];
        var minus = new double[N];
        var e = new double[N];
        double worst = 0;
        for (int j = 0; j < N; j++)
        {
            Array.Clear(e);
            e[j] = eps;
            PropagatedError(e, plus);
            e[j] = -eps;
            PropagatedError(e, minus);
            for (int i = 0; i < N; i++)
            {
                double numeric = (plus[i] - minus[i]) / (2 * eps);
                worst = Math.Max(worst, Math.Abs(numeric - f[(i * N) + j]));
            }
        }

        // Entries are up to ~0.04 (velocity from attitude) and 4e-3 (bias blocks); the neglected terms are
        // O(|dTheta| dt) ~ 1e-5, so a sign or index error would show as >= 4e-3.
        Assert.InRange(worst, 0, 2e-4);
    }

    [Fact]
    public void Sparse_covariance_prediction_equals_dense_F_P_FT()
    {
        var random = new Random(5);
        var l = new double[N * N];
        for (int i = 0; i < l.Length; i++)
        {
            l[i] = random.NextDouble() - 0.5;
        }

        var p = new double[N * N];
        var stored = new double[N * UavFilterCore.Stride];
        for (int i = 0; i < N; i++)
        {
            for (int j = 0; j < N; j++)
            {
                double s = i == j ? 1 : 0;
                for (int k = 0; k < N; k++)
                {
                    s += l[(i * N) + k] * l[(j * N) + k];
                }

                p[(i * N) + j] = s;
                stored[(i * UavFilterCore.Stride) + j] = s;
            }
        }

        Matrix3 r = Attitude.ToRotationMatrix();
        var a = new Vector3(0.01, -0.02, -0.039);
        var f = new double[N * N];
        UavErrorTransition.BuildDense(r, a, Dt, f);
        var expected = new double[N * N];
        for (int i = 0; i < N; i++)
        {
            for (int j = 0; j < N; j++)
            {
                double s = 0;
                for (int k = 0; k < N; k++)
                {
                    for (int m = 0; m < N; m++)
                    {
                        s += f[(i * N) + k] * p[(k * N) + m] * f[(j * N) + m];
                    }
                }

                expected[(i * N) + j] = s;
            }
        }

        UavFilterCore.PredictCovariance(stored, r, a, Dt);
        for (int i = 0; i < N; i++)
        {
            for (int j = 0; j < N; j++)
            {
                Assert.Equal(expected[(i * N) + j], stored[(i * UavFilterCore.Stride) + j], 1e-12);
            }
        }
    }
}
