namespace StrategicTech.Navigation.Amr;

/// <summary>The steps of the recovery sequence, in the order they are tried.</summary>
public enum RecoveryStep
{
    ClearCostmaps,
    Spin,
    BackUp,
    Wait,
}
