using StrategicTech.Navigation.Geodesy;
using StrategicTech.Navigation.Geodesy.Magnetism;
using StrategicTech.Navigation.Numerics;

namespace StrategicTech.Sim.Physics;

/// <summary>
/// The Earth's magnetic field at home: declination (east of true north positive), inclination (down positive) and
/// total intensity in gauss. <see cref="WorldModelAt"/> gives the WMM2025 field a real vehicle's EKF would look up;
/// a <see cref="SimulationEnvironment"/> without a field uses it at home.
/// </summary>
public sealed record MagneticFieldParameters(double DeclinationRad, double InclinationRad, double StrengthGauss)
{
    /// <summary>
    /// The simulated world's date as a decimal year: the same as the EKF's default
    /// <c>UavEkfParameters.WorldMagneticModelYear</c>, inside WMM2025's validity (2025.0–2030.0).
    /// </summary>
    public const double SimulationYear = 2027.5;

    /// <summary>
    /// A fixed field, roughly central Europe: D ≈ 3°, I ≈ 64°, F ≈ 0.48 G (the scenarios' default; their EKF keeps
    /// declination 0 with the model lookup off). It stays the default because SITL's default magnetometer carries an
    /// uncalibrated hard iron (0.02, −0.01, 0.03 G) whose ~3° heading bias, for a vehicle starting north, this 3°-vs-0
    /// mismatch cancels: with the WMM field and lookup the 3° yaw error remains and GNSS-loss dead reckoning and windy
    /// flights degrade (BENCHMARKS.md, "SITL estimator consistency").
    /// </summary>
    public static MagneticFieldParameters Default { get; } = new(3.0 * Math.PI / 180, 64.0 * Math.PI / 180, 0.48);

    /// <summary>The WMM2025 field at <paramref name="position"/> on <paramref name="decimalYear"/>.</summary>
    public static MagneticFieldParameters WorldModelAt(GeodeticPosition position, double decimalYear = SimulationYear)
    {
        GeomagneticField field = Wmm2025.Model.Evaluate(position, decimalYear);
        return new(field.DeclinationRad, field.InclinationRad, field.NedGauss.Length);
    }

    /// <summary>The field vector in NED (gauss).</summary>
    public Vector3 FieldNedGauss()
    {
        double horizontal = StrengthGauss * Math.Cos(InclinationRad);
        return new(horizontal * Math.Cos(DeclinationRad), horizontal * Math.Sin(DeclinationRad), StrengthGauss * Math.Sin(InclinationRad));
    }
}
