namespace StrategicTech.Sim.Amr;

/// <summary>
/// The Monte Carlo localizer's particle cloud at one moment of a run (map frame), with the true pose then:
/// <c>start</c> (seeded), <c>converged</c> (first converged estimate), <c>kidnapped</c> (the step the robot was carried
/// away) and <c>relocalized</c> (first estimate within 0.1 m / 5° of truth after a kidnap).
/// </summary>
public sealed record AmrParticleSnapshot(string Label, double TimeS, double[] XM, double[] YM, double TruthXM, double TruthYM, double TruthYawRad);
