namespace StrategicTech.Navigation.Geodesy;

/// <summary>
/// Series expansions of the geodesic integrals to sixth order in ε (Karney 2013, "Algorithms for geodesics",
/// J. Geodesy 87:43–55, eqs. 17–25). Coefficient arrays are indexed 1..6 (index 0 unused) so that index l matches
/// the paper's C_{1l}, C'_{1l}, C_{2l}, C_{3l}.
/// </summary>
internal static class GeodesicSeries
{
    public const int Order = 6;

    /// <summary>A₁ − 1 where A₁ = (1 + ε²/4 + ε⁴/64 + ε⁶/256) / (1 − ε).</summary>
    public static double A1m1(double eps)
    {
        double e2 = eps * eps;
        double t = e2 * ((e2 * ((e2 + 4) / 256.0)) + (64 / 256.0));
        return (t + eps) / (1 - eps);
    }

    /// <summary>C₁ₗ for the distance integral I₁.</summary>
    public static void C1(double eps, Span<double> c)
    {
        double e2 = eps * eps, d = eps;
        c[1] = d * ((e2 * ((-e2 / 32.0) + (3 / 16.0))) - 0.5);
        d *= eps;
        c[2] = d * ((e2 * ((-9 * e2 / 2048.0) + (1 / 32.0))) - (1 / 16.0));
        d *= eps;
        c[3] = d * ((3 * e2 / 256.0) - (1 / 48.0));
        d *= eps;
        c[4] = d * ((3 * e2 / 512.0) - (5 / 512.0));
        d *= eps;
        c[5] = d * (-7 / 1280.0);
        d *= eps;
        c[6] = d * (-7 / 2048.0);
    }

    /// <summary>C'₁ₗ for the reverted series σ(τ) used by the direct problem.</summary>
    public static void C1p(double eps, Span<double> c)
    {
        double e2 = eps * eps, d = eps;
        c[1] = d * ((e2 * ((205 * e2 / 1536.0) - (9 / 32.0))) + 0.5);
        d *= eps;
        c[2] = d * ((e2 * ((1335 * e2 / 4096.0) - (37 / 96.0))) + (5 / 16.0));
        d *= eps;
        c[3] = d * ((-75 * e2 / 128.0) + (29 / 96.0));
        d *= eps;
        c[4] = d * ((-2391 * e2 / 2560.0) + (539 / 1536.0));
        d *= eps;
        c[5] = d * (3467 / 7680.0);
        d *= eps;
        c[6] = d * (38081 / 61440.0);
    }

    /// <summary>A₂ − 1 where A₂ = (1 − 3ε²/4 − 7ε⁴/64 − 11ε⁶/256) / (1 + ε).</summary>
    public static double A2m1(double eps)
    {
        double e2 = eps * eps;
        double t = e2 * ((e2 * ((-11 * e2 / 256.0) - (7 / 64.0))) - 0.75);
        return (t - eps) / (1 + eps);
    }

    /// <summary>C₂ₗ for the reduced-length integral I₂.</summary>
    public static void C2(double eps, Span<double> c)
    {
        double e2 = eps * eps, d = eps;
        c[1] = d * ((e2 * ((e2 / 32.0) + (1 / 16.0))) + 0.5);
        d *= eps;
        c[2] = d * ((e2 * ((35 * e2 / 2048.0) + (1 / 32.0))) + (3 / 16.0));
        d *= eps;
        c[3] = d * ((5 * e2 / 256.0) + (5 / 48.0));
        d *= eps;
        c[4] = d * ((7 * e2 / 512.0) + (35 / 512.0));
        d *= eps;
        c[5] = d * (63 / 1280.0);
        d *= eps;
        c[6] = d * (77 / 2048.0);
    }

    /// <summary>A₃ for the longitude integral I₃, a polynomial in ε with coefficients in the third flattening n.</summary>
    public static double A3(double n, double eps)
    {
        double c1 = (1 - n) / 2;
        double c2 = (1 / 4.0) + (n / 8) - (3 * n * n / 8);
        double c3 = (1 / 16.0) + (3 * n / 16) + (n * n / 16);
        double c4 = (3 / 64.0) + (n / 32);
        const double c5 = 3 / 128.0;
        return 1 - (eps * (c1 + (eps * (c2 + (eps * (c3 + (eps * (c4 + (eps * c5)))))))));
    }

    /// <summary>C₃ₗ (l = 1..5) for the longitude integral I₃.</summary>
    public static void C3(double n, double eps, Span<double> c)
    {
        double n2 = n * n;
        double e1 = eps, e2 = e1 * eps, e3 = e2 * eps, e4 = e3 * eps, e5 = e4 * eps;
        c[1] = (((1 - n) / 4) * e1) + (((1 - n2) / 8) * e2) + (((3 + (3 * n) - n2) / 64) * e3)
            + (((5 / 128.0) + (n / 64)) * e4) + ((3 / 128.0) * e5);
        c[2] = (((2 - (3 * n) + n2) / 32) * e2) + (((3 - (2 * n) - (3 * n2)) / 64) * e3)
            + (((3 + n) / 128) * e4) + ((5 / 256.0) * e5);
        c[3] = (((5 - (9 * n) + (5 * n2)) / 192) * e3) + (((9 - (10 * n)) / 384) * e4) + ((7 / 512.0) * e5);
        c[4] = (((7 - (14 * n)) / 512) * e4) + ((7 / 512.0) * e5);
        c[5] = (21 / 2560.0) * e5;
        c[6] = 0;
    }

    /// <summary>Σ_{l=1..N} c[l]·sin(2lσ) by Clenshaw summation, given sin σ and cos σ.</summary>
    public static double SinSeries(double sinSigma, double cosSigma, ReadOnlySpan<double> c)
    {
        double sin2 = 2 * sinSigma * cosSigma;
        double twoCos2 = 2 * (cosSigma - sinSigma) * (cosSigma + sinSigma);
        double b1 = 0, b2 = 0;
        for (int l = c.Length - 1; l >= 1; l--)
        {
            double b0 = c[l] + (twoCos2 * b1) - b2;
            b2 = b1;
            b1 = b0;
        }

        return b1 * sin2;
    }
}
