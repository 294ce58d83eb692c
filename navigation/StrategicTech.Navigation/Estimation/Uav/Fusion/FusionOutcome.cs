namespace StrategicTech.Navigation.Estimation.Uav.Fusion;

/// <summary>What happened to one sample offered to a fusion source.</summary>
public enum FusionOutcome
{
    /// <summary>Fused into the state.</summary>
    Fused,

    /// <summary>Failed the innovation gate (or numerical checks); state untouched.</summary>
    Rejected,

    /// <summary>Not usable now (quality checks, geometry, source inactive); state untouched.</summary>
    Skipped,

    /// <summary>States were reset to the measurement.</summary>
    Reset,
}
