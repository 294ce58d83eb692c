namespace StrategicTech.Navigation.Estimation.Uav.Fusion;

/// <summary>
/// One measurement source fused at the delayed horizon. Each source owns its observation model, noise, innovation
/// gate and bookkeeping; the filter core only sees scalar observation rows.
/// </summary>
public interface IFusionSource<TSample>
    where TSample : struct
{
    /// <summary>Largest innovation test ratio of the last sample (innovation^2 / (gate^2 * S)); above 1 means rejected.</summary>
    double TestRatio { get; }

    /// <summary>Samples rejected by the innovation gate so far.</summary>
    int RejectedCount { get; }

    /// <summary>Time of the last sample that was fused, µs (0 if none).</summary>
    long LastFusedUs { get; }

    /// <summary>Fuses a sample whose (delay-corrected) time has been reached by the filter.</summary>
    FusionOutcome Fuse(UavFilterCore core, in TSample sample);
}
