using StrategicTech.Navigation.Estimation.Uav;
using StrategicTech.Navigation.Numerics;
using E = StrategicTech.Navigation.Estimation.Uav.UavErrorIndex;

namespace StrategicTech.Navigation.Tests.Estimation;

/// <summary>The bias restarts an emergency yaw reset applies (UavEkf.CheckEmergencyYawReset).</summary>
public sealed class UavBiasRestartTests
{
    [Fact]
    public void Restarts_zero_the_horizontal_accel_biases_set_the_given_variances_and_leave_those_states_uncorrelated()
    {
        var core = new UavFilterCore(new UavEkfParameters());
        Span<double> variances = stackalloc double[E.Count];
        variances.Fill(1.0);
        var state = new UavState(Quaternion.Identity, default, default, new Vector3(0.01, 0.02, 0.03), new Vector3(0.4, 0.2, -0.05), default, default, 0, 0);
        core.Initialise(state, variances, 0);
        // Correlate the biases with yaw and velocity, as fusion under a wrong heading does.
        Assert.True(core.FuseScalar([E.AccelBias, E.AccelBias + 1, E.GyroBias + 2, E.Attitude + 2, E.Velocity], [1, 1, 1, 1, 1], 0.5, 0.1));
        Assert.NotEqual(0.0, core.Covariance[(E.AccelBias * UavFilterCore.Stride) + E.Attitude + 2]);
        double accelZ = core.AccelBiasMps2.Z, gyroZ = core.GyroBiasRadps.Z;

        core.RestartHorizontalAccelBias(0.04);
        core.RestartGyroBiasZVariance(0.01);

        Assert.Equal(0.0, core.AccelBiasMps2.X);
        Assert.Equal(0.0, core.AccelBiasMps2.Y);
        Assert.Equal(accelZ, core.AccelBiasMps2.Z);
        Assert.Equal(gyroZ, core.GyroBiasRadps.Z);
        Assert.Equal(0.04, core.Variance(E.AccelBias));
        Assert.Equal(0.04, core.Variance(E.AccelBias + 1));
        Assert.Equal(0.01, core.Variance(E.GyroBias + 2));
        foreach (int i in (int[])[E.AccelBias, E.AccelBias + 1, E.GyroBias + 2])
        {
            for (int k = 0; k < E.Count; k++)
            {
                if (k != i)
                {
                    Assert.Equal(0.0, core.Covariance[(i * UavFilterCore.Stride) + k]);
                    Assert.Equal(0.0, core.Covariance[(k * UavFilterCore.Stride) + i]);
                }
            }
        }
    }
}
