namespace StrategicTech.Navigation.Planning.Grid;

/// <summary>Compile-time switch for the A* inner loop: the JIT folds the branch per struct instantiation.</summary>
internal interface IStepCostMode
{
    static abstract bool UsesCosts { get; }
}

internal readonly struct Uniform : IStepCostMode
{
    public static bool UsesCosts => false;
}

internal readonly struct CostAware : IStepCostMode
{
    public static bool UsesCosts => true;
}
