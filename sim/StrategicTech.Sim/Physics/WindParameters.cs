using StrategicTech.Navigation.Numerics;

namespace StrategicTech.Sim.Physics;

/// <summary>
/// Wind = steady NED vector + turbulence (a first-order Gauss–Markov process per axis: standard deviation and
/// correlation time, a simple stand-in for the Dryden spectrum) + discrete (1 − cos) gusts arriving at exponentially
/// distributed intervals, horizontal, with random direction and peak up to <see cref="GustMaxMps"/>.
/// </summary>
public sealed record WindParameters(
    Vector3 SteadyNedMps,
    Vector3 TurbulenceStdDevNedMps,
    double TurbulenceCorrelationTimeS,
    double GustMaxMps,
    double GustMeanIntervalS,
    double GustDurationS)
{
    public static WindParameters Calm { get; } = new(Vector3.Zero, Vector3.Zero, 1.0, 0, 10, 2);

    /// <summary>Steady wind from a direction (where it blows from, rad clockwise from north) at a speed.</summary>
    public static WindParameters FromDirection(double speedMps, double fromDirectionRad) =>
        Calm with { SteadyNedMps = new(-speedMps * Math.Cos(fromDirectionRad), -speedMps * Math.Sin(fromDirectionRad), 0) };
}
