using StrategicTech.Navigation.Numerics;
using static StrategicTech.Navigation.Estimation.Amr.AmrStateIndex;

namespace StrategicTech.Navigation.Estimation.Amr;

/// <summary>
/// Absolute pose (x, y, yaw) with full covariance; the yaw innovation is wrapped so a fix at +179° against an
/// estimate at -179° is a 2° correction. After <see cref="AmrEkfParameters.PoseFixResetAfterRejections"/>
/// consecutive gate rejections the next rejected fix resets the pose instead.
/// </summary>
internal static class AmrPoseFixFusion
{
    public static AmrFusionStatus Fuse(AmrEkf ekf, in AmrPoseFixSample s)
    {
        AmrFusionCounters counters = ekf.PoseFixCounters;
        if (!double.IsFinite(s.XM) || !double.IsFinite(s.YM) || !double.IsFinite(s.YawRad)
            || !(s.VarianceXM2 > 0) || !(s.VarianceYM2 > 0) || !(s.VarianceYawRad2 > 0)
            || !double.IsFinite(s.VarianceXM2 + s.VarianceYM2 + s.VarianceYawRad2 + s.CovarianceXYM2 + s.CovarianceXYawMRad + s.CovarianceYYawMRad))
        {
            return counters.Count(AmrFusionStatus.RejectedInvalid, double.NaN);
        }

        Span<double> r =
        [
            s.VarianceXM2, s.CovarianceXYM2, s.CovarianceXYawMRad,
            s.CovarianceXYM2, s.VarianceYM2, s.CovarianceYYawMRad,
            s.CovarianceXYawMRad, s.CovarianceYYawMRad, s.VarianceYawRad2,
        ];
        Matrix3x3 l = default;
        if (!Cholesky.Factor(new ReadOnlyMatrixSpan(r, 3, 3), l.AsSpan()))
        {
            return counters.Count(AmrFusionStatus.RejectedInvalid, double.NaN);
        }

        AmrFusionStatus status = ekf.Advance(s.TimeUs);
        if (status != AmrFusionStatus.Accepted)
        {
            return counters.Count(status, double.NaN);
        }

        ReadOnlySpan<double> x = ekf.StateVector;
        Span<double> h = stackalloc double[3 * Max];
        h.Clear();
        h[X] = 1;
        h[Max + Y] = 1;
        h[(2 * Max) + Yaw] = 1;
        Span<double> innovation = [s.XM - x[X], s.YM - x[Y], AmrAngle.Wrap(s.YawRad - x[Yaw])];
        status = ekf.Update(3, innovation, h, r, out double ratio);
        int resetAfter = ekf.Parameters.PoseFixResetAfterRejections;
        if (status == AmrFusionStatus.RejectedByGate && resetAfter > 0 && counters.ConsecutiveGateRejections >= resetAfter)
        {
            // The fixes have disagreed with the estimate for a while: believe them (the robot was moved).
            ekf.ResetPose(s.XM, s.YM, s.YawRad, r);
            status = AmrFusionStatus.PoseReset;
        }

        return counters.Count(status, ratio);
    }
}
