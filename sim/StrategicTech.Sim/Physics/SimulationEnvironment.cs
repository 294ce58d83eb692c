using StrategicTech.Navigation.Geodesy;

namespace StrategicTech.Sim.Physics;

/// <summary>
/// The world one vehicle flies in: home (the NED origin), the ground height (NED down, m, relative to home), wind, magnetic field, and the seed of every random process in the physics.
/// A null magnetic field means the world magnetic model's field at home (<see cref="FieldAtHome"/>).
/// </summary>
public sealed record SimulationEnvironment(
    GeodeticPosition Home,
    double GroundDownM,
    WindParameters Wind,
    MagneticFieldParameters? MagneticField,
    ulong Seed)
{
    /// <summary>Zürich-like home at 488 m, calm, the WMM2025 field at home (null field), seed 1.</summary>
    public static SimulationEnvironment Default { get; } = new(
        GeodeticPosition.FromDegrees(47.397742, 8.545594, 488.0), 0.0, WindParameters.Calm, null, 1);

    /// <summary>The field the world has: <see cref="MagneticField"/>, or WMM2025 at home on <see cref="MagneticFieldParameters.SimulationYear"/> when that is null.</summary>
    public MagneticFieldParameters FieldAtHome => MagneticField ?? MagneticFieldParameters.WorldModelAt(Home);

    /// <summary>Normal gravity at home (m/s²).</summary>
    public double GravityMps2 => NormalGravity.AtMps2(Home.LatitudeRad, Home.HeightM);
}
