namespace StrategicTech.Sim.Scenarios;

/// <summary>One pass criterion of one vehicle: the limit, what was measured (truth), and whether it held.</summary>
public sealed record CriterionResult(string Name, string Unit, double Limit, double Measured, bool Passed);
