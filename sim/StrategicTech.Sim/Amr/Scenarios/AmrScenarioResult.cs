using StrategicTech.Sim.Scenarios;

namespace StrategicTech.Sim.Amr.Scenarios;

/// <summary>An AMR scenario run: the drive itself, each pass criterion with its measured value, and what the faults did.</summary>
public sealed record AmrScenarioResult(
    AmrScenario Scenario,
    AmrDemoResult Run,
    IReadOnlyList<CriterionResult> Criteria,
    IReadOnlyList<double> KidnapTimesS,
    double FaultActiveS)
{
    public bool Passed => Criteria.All(c => c.Counts);
}
