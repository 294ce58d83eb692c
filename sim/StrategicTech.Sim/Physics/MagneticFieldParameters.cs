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
    /// A fixed field, roughly central Europe: D ≈ 3°, I ≈ 64°, F ≈ 0.48 G: the values a scenario's
    /// <c>"magneticField"</c> object takes for keys it leaves out. Worlds default to the WMM2025 field at home (a null
    /// field in <see cref="SimulationEnvironment"/> and <c>ScenarioWorld</c>), flown by vehicles whose CAL_MAG0_*
    /// calibrate the magnetometer model's hard and soft iron (<c>SitlMagnetometerCalibration</c>).
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
