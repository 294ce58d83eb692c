namespace StrategicTech.Navigation.Estimation.Uav;

/// <summary>
/// The variance of the receiver's slowly varying position error, which the filter's covariance does not hold.
/// A single-frequency receiver's position error is dominated by a bias that wanders over tens of minutes (multipath,
/// atmosphere: a first-order Gauss–Markov process); the filter fuses each fix as if its error were white, so its
/// position covariance describes the estimate relative to the receiver's (biased) frame and shrinks far below that
/// bias. The bias is unobservable without a second absolute reference, so it is not a state: it is a Schmidt
/// "consider" parameter whose variance adds to the position block whenever the estimate is compared with an absolute
/// frame (truth, a map): P_abs = P_pos + diag(σ_h², σ_h², σ_v²). Horizontal: the local frame's position follows the
/// receiver's current error, so σ_h is the accuracy (eph) of the newest fused fix. Vertical: the height datum is
/// taken once, from the fix that set the origin (the barometer carries the height afterwards), so σ_v is that fix's
/// accuracy (epv). No allocation.
/// </summary>
public sealed class GnssReferenceUncertainty
{
    /// <summary>True once the origin is set (before that the frame is not tied to the receiver).</summary>
    public bool IsSet { get; private set; }

    /// <summary>σ_h², m² per horizontal axis (0 before the origin).</summary>
    public double HorizontalVarianceM2 { get; private set; }

    /// <summary>σ_v², m² (0 before the origin).</summary>
    public double VerticalVarianceM2 { get; private set; }

    /// <summary>The fix that set the origin: both variances from its reported accuracy.</summary>
    public void SetOrigin(in GnssSample origin)
    {
        HorizontalVarianceM2 = origin.HorizontalAccuracyM * origin.HorizontalAccuracyM;
        VerticalVarianceM2 = origin.VerticalAccuracyM * origin.VerticalAccuracyM;
        IsSet = true;
    }

    /// <summary>A fix fused (or reset to): the local frame now carries this receiver's current error.</summary>
    public void Track(in GnssSample fused)
    {
        if (IsSet)
        {
            HorizontalVarianceM2 = fused.HorizontalAccuracyM * fused.HorizontalAccuracyM;
        }
    }

    /// <summary>Variance added to position axis <paramref name="axis"/> (0 north, 1 east, 2 down), m².</summary>
    public double AxisVarianceM2(int axis) => axis == 2 ? VerticalVarianceM2 : HorizontalVarianceM2;
}
