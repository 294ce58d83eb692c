namespace StrategicTech.Navigation.Estimation.Amr;

/// <summary>What happened to one sample.</summary>
public enum AmrFusionStatus
{
    Accepted,

    /// <summary>Innovation failed the Mahalanobis (chi-square) gate; state untouched.</summary>
    RejectedByGate,

    /// <summary>NaN/infinite value or a covariance that is not positive definite; state untouched.</summary>
    RejectedInvalid,

    /// <summary>Older than the filter time; state untouched.</summary>
    RejectedOutOfOrder,

    /// <summary>The filter has not been initialised.</summary>
    RejectedNotInitialized,

    /// <summary>
    /// A pose fix after <see cref="AmrEkfParameters.PoseFixResetAfterRejections"/> consecutive gate rejections: the
    /// pose was reset to it (a robot that was moved, or a map re-localisation), not fused.
    /// </summary>
    PoseReset,
}

/// <summary>Counters for one fusion source.</summary>
public sealed class AmrFusionCounters
{
    public long Accepted { get; private set; }

    public long RejectedByGate { get; private set; }

    public long RejectedInvalid { get; private set; }

    public long RejectedOutOfOrder { get; private set; }

    /// <summary>Pose resets after repeated gate rejections (pose fixes only).</summary>
    public long Resets { get; private set; }

    /// <summary>Consecutive gate rejections (reset by an accepted sample): a hint that the estimate or the source is off.</summary>
    public long ConsecutiveGateRejections { get; private set; }

    /// <summary>Mahalanobis distance² of the last gated sample divided by the gate threshold (&gt; 1 means rejected).</summary>
    public double LastTestRatio { get; private set; }

    internal AmrFusionStatus Count(AmrFusionStatus status, double testRatio)
    {
        switch (status)
        {
            case AmrFusionStatus.Accepted:
                Accepted++;
                ConsecutiveGateRejections = 0;
                LastTestRatio = testRatio;
                break;
            case AmrFusionStatus.RejectedByGate:
                RejectedByGate++;
                ConsecutiveGateRejections++;
                LastTestRatio = testRatio;
                break;
            case AmrFusionStatus.PoseReset:
                Resets++;
                ConsecutiveGateRejections = 0;
                LastTestRatio = testRatio;
                break;
            case AmrFusionStatus.RejectedOutOfOrder:
                RejectedOutOfOrder++;
                break;
            default:
                RejectedInvalid++;
                break;
        }

        return status;
    }
}
