using StrategicTech.Navigation.Numerics;

namespace StrategicTech.Sim.Physics;

/// <summary>
/// The Earth's magnetic field at home, as a world-magnetic-model lookup would give it: declination (east of true
/// north positive), inclination (down positive) and total intensity in gauss.
/// </summary>
public sealed record MagneticFieldParameters(double DeclinationRad, double InclinationRad, double StrengthGauss)
{
    /// <summary>Roughly central Europe: D ≈ 3°, I ≈ 64°, F ≈ 0.48 G.</summary>
    public static MagneticFieldParameters Default { get; } = new(3.0 * Math.PI / 180, 64.0 * Math.PI / 180, 0.48);

    /// <summary>The field vector in NED (gauss).</summary>
    public Vector3 FieldNedGauss()
    {
        double horizontal = StrengthGauss * Math.Cos(InclinationRad);
        return new(horizontal * Math.Cos(DeclinationRad), horizontal * Math.Sin(DeclinationRad), StrengthGauss * Math.Sin(InclinationRad));
    }
}
