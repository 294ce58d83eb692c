namespace StrategicTech.Navigation.Tests.Estimation;

/// <summary>
/// Allocation measurements run alone: a GC triggered by a test on another thread can shift
/// GC.GetAllocatedBytesForCurrentThread by up to one allocation quantum (~8 KB) without anything being allocated.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class AllocationCollection
{
    public const string Name = "Estimation allocation measurements";
}
