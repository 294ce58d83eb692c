using static StrategicTech.Navigation.Estimation.Amr.AmrStateIndex;

namespace StrategicTech.Navigation.Estimation.Amr;

/// <summary>
/// Wheel odometry: forward speed and yaw rate, both scaled by the wheel scale state (a wrong wheel radius scales
/// both). Wheel speeds of a differential drive become v = (l + r)/2, w = (r - l)/track; with equal independent
/// wheel noise σ the two are uncorrelated, var v = σ²/2, var w = 2σ²/track².
/// </summary>
internal static class AmrOdometryFusion
{
    public static AmrFusionStatus Fuse(AmrEkf ekf, in AmrOdometrySample sample)
    {
        AmrEkfParameters p = ekf.Parameters;
        return Fuse(ekf, sample.TimeUs, sample.SpeedMps, sample.YawRateRadps,
            p.OdometrySpeedNoiseMps * p.OdometrySpeedNoiseMps, p.OdometryYawRateNoiseRadps * p.OdometryYawRateNoiseRadps);
    }

    public static AmrFusionStatus Fuse(AmrEkf ekf, in AmrWheelSpeedsSample sample)
    {
        AmrEkfParameters p = ekf.Parameters;
        double track = p.TrackWidthM;
        double wheelVariance = p.WheelSpeedNoiseMps * p.WheelSpeedNoiseMps;
        return Fuse(ekf, sample.TimeUs, 0.5 * (sample.LeftMps + sample.RightMps), (sample.RightMps - sample.LeftMps) / track,
            0.5 * wheelVariance, 2 * wheelVariance / (track * track));
    }

    private static AmrFusionStatus Fuse(AmrEkf ekf, long timeUs, double speedMps, double yawRateRadps, double speedVariance, double yawRateVariance)
    {
        AmrFusionCounters counters = ekf.OdometryCounters;
        if (!double.IsFinite(speedMps) || !double.IsFinite(yawRateRadps))
        {
            return counters.Count(AmrFusionStatus.RejectedInvalid, double.NaN);
        }

        AmrFusionStatus status = ekf.Advance(timeUs);
        if (status != AmrFusionStatus.Accepted)
        {
            return counters.Count(status, double.NaN);
        }

        ReadOnlySpan<double> x = ekf.StateVector;
        double scale = x[WheelScale];
        Span<double> h = stackalloc double[2 * Max];
        h.Clear();
        h[Speed] = scale;
        h[Max + YawRate] = scale;
        if (ekf.StateCount == Max)
        {
            h[WheelScale] = x[Speed];
            h[Max + WheelScale] = x[YawRate];
        }

        Span<double> innovation = [speedMps - (scale * x[Speed]), yawRateRadps - (scale * x[YawRate])];
        Span<double> r = [speedVariance, 0, 0, yawRateVariance];
        status = ekf.Update(2, innovation, h, r, out double ratio);
        return counters.Count(status, ratio);
    }
}
