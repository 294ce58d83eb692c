using System.Globalization;

namespace StrategicTech.Navigation.Geodesy.Magnetism;

/// <summary>
/// Spherical-harmonic synthesis of a World-Magnetic-Model-style main field (WMM technical report, section 1.2):
/// geodetic position to geocentric spherical coordinates on the WGS84 ellipsoid, Schmidt semi-normalised associated
/// Legendre functions of the geocentric latitude, Gauss coefficients advanced linearly by their secular variation to
/// the decimal year, field summed in the geocentric frame and rotated to the geodetic vertical. Evaluation works on
/// the stack and allocates nothing.
/// </summary>
public sealed class WorldMagneticModel
{
    /// <summary>Geomagnetic reference radius of the WMM, km.</summary>
    public const double ReferenceRadiusKm = 6371.2;

    // Largest degree the stack buffers hold (WMM2025: 12; WMMHR would need 133 and a heap buffer).
    private const int MaxSupportedDegree = 16;
    private const int MaxTerms = (MaxSupportedDegree + 1) * (MaxSupportedDegree + 2) / 2;

    // Rows (g, h, gdot, hdot) for n = 1..N, m = 0..n.
    private readonly double[] _rows;

    /// <param name="name">Model name, e.g. "WMM-2025".</param>
    /// <param name="epochYear">Decimal year of the main-field coefficients.</param>
    /// <param name="validUntilYear">End of validity (exclusive), decimal year.</param>
    /// <param name="maxDegree">Degree and order of the expansion.</param>
    /// <param name="rows">g, h (nT) and their secular variation (nT/year) for n = 1..maxDegree, m = 0..n.</param>
    public WorldMagneticModel(string name, double epochYear, double validUntilYear, int maxDegree, ReadOnlySpan<double> rows)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxDegree, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(maxDegree, MaxSupportedDegree);
        int expected = 4 * (((maxDegree + 1) * (maxDegree + 2) / 2) - 1);
        if (rows.Length != expected)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                $"{name}: expected {expected} coefficients for degree {maxDegree}, got {rows.Length}"), nameof(rows));
        }

        Name = name;
        EpochYear = epochYear;
        ValidUntilYear = validUntilYear;
        MaxDegree = maxDegree;
        _rows = rows.ToArray();
    }

    public string Name { get; }

    public double EpochYear { get; }

    public double ValidUntilYear { get; }

    public int MaxDegree { get; }

    /// <summary>True when <paramref name="decimalYear"/> lies in the model's validity [epoch, end).</summary>
    public bool IsValidFor(double decimalYear) => decimalYear >= EpochYear && decimalYear < ValidUntilYear;

    /// <summary>Decimal year of a UTC instant as the WMM software counts it (fraction of the calendar year elapsed).</summary>
    public static double DecimalYear(DateTime utc)
    {
        int year = utc.Year;
        var start = new DateTime(year, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        double days = DateTime.IsLeapYear(year) ? 366 : 365;
        return year + ((utc - start).TotalDays / days);
    }

    /// <summary>Field at a geodetic position (height above the WGS84 ellipsoid) and decimal year.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The year lies outside the model's validity.</exception>
    public GeomagneticField Evaluate(GeodeticPosition position, double decimalYear)
    {
        if (!IsValidFor(decimalYear))
        {
            throw new ArgumentOutOfRangeException(nameof(decimalYear), decimalYear, string.Create(CultureInfo.InvariantCulture,
                $"{Name} is valid from {EpochYear:F1} to {ValidUntilYear:F1} (exclusive), asked for {decimalYear:F3}"));
        }

        return EvaluateUnchecked(position, decimalYear);
    }

    private GeomagneticField EvaluateUnchecked(GeodeticPosition position, double decimalYear)
    {
        // Keep clear of the exact pole, where the east component's 1/cos(latitude) is 0/0 (1e-9 rad = 6 mm).
        double lat = Math.Clamp(position.LatitudeRad, -(Math.PI / 2) + 1e-9, (Math.PI / 2) - 1e-9);
        double lon = position.LongitudeRad;
        double hKm = position.HeightM / 1000.0;

        // Geodetic to geocentric spherical (WMM report eq. 7).
        double aKm = Wgs84.SemiMajorAxisM / 1000.0;
        double e2 = Wgs84.EccentricitySquared;
        double sinLat = Math.Sin(lat), cosLat = Math.Cos(lat);
        double rc = aKm / Math.Sqrt(1 - (e2 * sinLat * sinLat));
        double p = (rc + hKm) * cosLat;
        double z = ((rc * (1 - e2)) + hKm) * sinLat;
        double r = Math.Sqrt((p * p) + (z * z));
        double latC = Math.Asin(z / r);
        double x = Math.Sin(latC), c = Math.Cos(latC);

        int n = MaxDegree;
        Span<double> pnm = stackalloc double[MaxTerms];
        Span<double> dpnm = stackalloc double[MaxTerms];
        Legendre(n, x, c, pnm, dpnm);

        Span<double> cosM = stackalloc double[MaxSupportedDegree + 1];
        Span<double> sinM = stackalloc double[MaxSupportedDegree + 1];
        for (int m = 0; m <= n; m++)
        {
            cosM[m] = Math.Cos(m * lon);
            sinM[m] = Math.Sin(m * lon);
        }

        double dt = decimalYear - EpochYear;
        double ratio = ReferenceRadiusKm / r;
        double ratioPower = ratio * ratio; // (a/r)^(n+2) starts at n = 0
        double xs = 0, ys = 0, zs = 0;
        int row = 0;
        for (int deg = 1; deg <= n; deg++)
        {
            ratioPower *= ratio;
            for (int m = 0; m <= deg; m++, row += 4)
            {
                double g = _rows[row] + (dt * _rows[row + 2]);
                double h = _rows[row + 1] + (dt * _rows[row + 3]);
                int k = Index(deg, m);
                double along = (g * cosM[m]) + (h * sinM[m]);
                xs -= ratioPower * along * dpnm[k];
                ys += ratioPower * m * ((g * sinM[m]) - (h * cosM[m])) * pnm[k];
                zs -= ratioPower * (deg + 1) * along * pnm[k];
            }
        }

        ys /= c;

        // Rotate from the geocentric to the geodetic vertical (WMM report eq. 17).
        double psi = latC - lat;
        double cosPsi = Math.Cos(psi), sinPsi = Math.Sin(psi);
        return new GeomagneticField((xs * cosPsi) - (zs * sinPsi), ys, (xs * sinPsi) + (zs * cosPsi));
    }

    private static int Index(int n, int m) => (n * (n + 1) / 2) + m;

    /// <summary>
    /// Schmidt semi-normalised P_n^m(sin latC) and their derivatives with respect to latC, by the standard recursions:
    /// P_n^n = sqrt(1 - 1/(2n)) cos P_(n-1)^(n-1); P_n^m = ((2n-1) sin P_(n-1)^m - sqrt((n-1)^2 - m^2) P_(n-2)^m) / sqrt(n^2 - m^2).
    /// </summary>
    private static void Legendre(int maxDegree, double x, double c, Span<double> p, Span<double> dp)
    {
        p[0] = 1;
        dp[0] = 0;
        for (int n = 1; n <= maxDegree; n++)
        {
            int nn = Index(n, n), prev = Index(n - 1, n - 1);
            double diagonal = n == 1 ? 1.0 : Math.Sqrt(1 - (1.0 / (2 * n)));
            p[nn] = diagonal * c * p[prev];
            dp[nn] = diagonal * ((c * dp[prev]) - (x * p[prev]));
            for (int m = 0; m < n; m++)
            {
                int k = Index(n, m), k1 = Index(n - 1, m);
                double a = Math.Sqrt((double)((n * n) - (m * m)));
                double b = m <= n - 2 ? Math.Sqrt((double)(((n - 1) * (n - 1)) - (m * m))) : 0;
                double p2 = m <= n - 2 ? p[Index(n - 2, m)] : 0;
                double dp2 = m <= n - 2 ? dp[Index(n - 2, m)] : 0;
                p[k] = (((2 * n) - 1) * x * p[k1] - (b * p2)) / a;
                dp[k] = ((((2 * n) - 1) * ((c * p[k1]) + (x * dp[k1]))) - (b * dp2)) / a;
            }
        }
    }
}
