namespace StrategicTech.Navigation.Geodesy;

/// <summary>WGS84 ellipsoid constants (NIMA TR8350.2).</summary>
public static class Wgs84
{
    /// <summary>Semi-major axis a (m).</summary>
    public const double SemiMajorAxisM = 6_378_137.0;

    /// <summary>Flattening f = 1/298.257223563.</summary>
    public const double Flattening = 1.0 / 298.257223563;

    /// <summary>Semi-minor axis b = a(1 − f) (m).</summary>
    public const double SemiMinorAxisM = SemiMajorAxisM * (1 - Flattening);

    /// <summary>First eccentricity squared e² = f(2 − f).</summary>
    public const double EccentricitySquared = Flattening * (2 - Flattening);

    /// <summary>Second eccentricity squared e'² = e²/(1 − e²).</summary>
    public const double SecondEccentricitySquared = EccentricitySquared / (1 - EccentricitySquared);

    /// <summary>Earth's rotation rate ω (rad/s).</summary>
    public const double AngularVelocityRadPerS = 7.292115e-5;

    /// <summary>Geocentric gravitational constant GM (m³/s²).</summary>
    public const double GravitationalConstantM3PerS2 = 3.986004418e14;
}
