using StrategicTech.Navigation.Numerics;

namespace StrategicTech.Navigation.Estimation.Uav;

/// <summary>
/// The error-state transition F of one IMU step, derived by hand (docs: Estimation/Uav/ERROR_STATE.md) and
/// checked against numeric differentiation of <see cref="InertialIntegration.Step"/> in the tests. With R the
/// body-to-NED rotation after the step and a = R dv_mid the earth-frame velocity increment without gravity:
/// <code>
/// dTheta' = dTheta - R dt dbg
/// dv'     = dv - [a]x dTheta - R dt dba
/// dp'     = dp + dt/2 (dv + dv')
/// </code>
/// everything else is identity. <see cref="UavFilterCore.PredictCovariance"/> applies exactly this F sparsely;
/// <see cref="BuildDense"/> writes it out in full for reference implementations and tests.
/// </summary>
public static class UavErrorTransition
{
    /// <summary>Writes F (23x23, row-major) into <paramref name="f"/>.</summary>
    public static void BuildDense(in Matrix3 r, Vector3 a, double dt, Span<double> f)
    {
        const int n = UavErrorIndex.Count;
        f[..(n * n)].Clear();
        for (int i = 0; i < n; i++)
        {
            f[(i * n) + i] = 1;
        }

        Matrix3 minusRdt = r * -dt;
        Matrix3 minusSkewA = Matrix3.Skew(a) * -1.0;
        Put(f, UavErrorIndex.Attitude, UavErrorIndex.GyroBias, minusRdt);
        Put(f, UavErrorIndex.Velocity, UavErrorIndex.Attitude, minusSkewA);
        Put(f, UavErrorIndex.Velocity, UavErrorIndex.AccelBias, minusRdt);

        // dp' = dp + dt dv + dt/2 (dv' - dv): the velocity row scaled by dt/2, with dt on the velocity block.
        for (int k = 0; k < 3; k++)
        {
            int row = (UavErrorIndex.Position + k) * n;
            int vRow = (UavErrorIndex.Velocity + k) * n;
            for (int j = 0; j < n; j++)
            {
                double fromVelocity = j == UavErrorIndex.Velocity + k ? 1.0 : 0.0;
                f[row + j] += 0.5 * dt * (fromVelocity + f[vRow + j]);
            }
        }
    }

    private static void Put(Span<double> f, int row, int column, in Matrix3 m)
    {
        const int n = UavErrorIndex.Count;
        for (int i = 0; i < 3; i++)
        {
            for (int j = 0; j < 3; j++)
            {
                f[((row + i) * n) + column + j] = m[i, j];
            }
        }
    }
}
