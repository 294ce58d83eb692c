using static StrategicTech.Navigation.Estimation.Amr.AmrStateIndex;

namespace StrategicTech.Navigation.Estimation.Amr;

/// <summary>Gyro z: reads yaw rate plus bias; the bias becomes observable against odometry and pose fixes.</summary>
internal static class AmrGyroFusion
{
    public static AmrFusionStatus Fuse(AmrEkf ekf, in AmrGyroSample sample)
    {
        AmrFusionCounters counters = ekf.GyroCounters;
        if (!double.IsFinite(sample.RateRadps))
        {
            return counters.Count(AmrFusionStatus.RejectedInvalid, double.NaN);
        }

        AmrFusionStatus status = ekf.Advance(sample.TimeUs);
        if (status != AmrFusionStatus.Accepted)
        {
            return counters.Count(status, double.NaN);
        }

        ReadOnlySpan<double> x = ekf.StateVector;
        Span<double> h = stackalloc double[Max];
        h.Clear();
        h[YawRate] = 1;
        h[GyroBias] = 1;
        Span<double> innovation = [sample.RateRadps - (x[YawRate] + x[GyroBias])];
        double sigma = ekf.Parameters.GyroNoiseRadps;
        Span<double> r = [sigma * sigma];
        status = ekf.Update(1, innovation, h, r, out double ratio);
        return counters.Count(status, ratio);
    }
}
