using System.Globalization;

namespace StrategicTech.Navigation.Geodesy;

/// <summary>
/// Geodesics on the WGS84 ellipsoid after Karney (2013), "Algorithms for geodesics", J. Geodesy 87:43–55:
/// the inverse problem (distance, initial and final bearing between two points) and the direct problem
/// (destination from a start, bearing and distance). Accurate to a few nanometres for any pair of points,
/// including nearly antipodal ones where Vincenty's iteration fails to converge; Newton's method on the initial
/// azimuth is safeguarded by bisection, and the antipodal starting guess comes from the astroid equation.
/// Heights are ignored (the path lies on the ellipsoid); the direct problem returns the start's height.
/// Allocation-free: scratch coefficient arrays live on the stack.
/// </summary>
public static class Geodesic
{
    private const double A = Wgs84.SemiMajorAxisM;
    private const double F = Wgs84.Flattening;
    private const double F1 = 1 - F;
    private const double B = Wgs84.SemiMinorAxisM;
    private const double Ep2 = Wgs84.SecondEccentricitySquared;

    /// <summary>Third flattening n = f / (2 − f).</summary>
    private const double N = F / (2 - F);

    private const int MaxNewton = 20;
    private const int MaxIterations = MaxNewton + 53 + 10;
    private const int Coefficients = GeodesicSeries.Order + 1;

    private static readonly double Tiny = Math.Sqrt(double.Epsilon * 4503599627370496.0); // √(smallest normal)
    private static readonly double Tol0 = Math.Pow(2, -52);
    private static readonly double Tol1 = 200 * Tol0;
    private static readonly double Tol2 = Math.Sqrt(Tol0);
    private static readonly double TolB = Tol0 * Tol2;
    private static readonly double XThresh = 1000 * Tol2;
    private static readonly double ETol2 = 0.1 * Tol2 / Math.Sqrt(Math.Max(0.001, Math.Abs(F)) * Math.Min(1.0, 1 - (F / 2)) / 2);

    /// <summary>Shortest distance on the ellipsoid (m).</summary>
    public static double DistanceM(GeodeticPosition from, GeodeticPosition to) => Inverse(from, to).DistanceM;

    /// <summary>Solves the inverse problem between two positions (heights ignored).</summary>
    public static GeodesicInverse Inverse(GeodeticPosition from, GeodeticPosition to) =>
        InverseDeg(ClampLatitude(from.LatitudeDeg), from.LongitudeDeg, ClampLatitude(to.LatitudeDeg), to.LongitudeDeg);

    /// <summary>Solves the direct problem: the point <paramref name="distanceM"/> along the geodesic leaving
    /// <paramref name="from"/> at <paramref name="initialBearingRad"/> (clockwise from north). Negative distances go backwards.</summary>
    public static GeodesicDirect Direct(GeodeticPosition from, double initialBearingRad, double distanceM)
    {
        if (!double.IsFinite(initialBearingRad))
        {
            ThrowNotFinite(nameof(initialBearingRad), initialBearingRad);
        }

        if (!double.IsFinite(distanceM))
        {
            ThrowNotFinite(nameof(distanceM), distanceM);
        }

        DirectDeg(from.LatitudeDeg, from.LongitudeDeg, initialBearingRad * AngleMath.DegPerRad, distanceM,
            out double lat2, out double lon2, out double azi2);
        var destination = new GeodeticPosition(
            Math.Clamp(lat2 * AngleMath.RadPerDeg, -Math.PI / 2, Math.PI / 2), lon2 * AngleMath.RadPerDeg, from.HeightM);
        return new GeodesicDirect(destination, azi2 * AngleMath.RadPerDeg);
    }

    /// <summary>The inverse problem in degrees (the working unit, so that exact angles stay exact).</summary>
    public static GeodesicInverse InverseDeg(double lat1, double lon1, double lat2, double lon2)
    {
        CheckLatitude(lat1, nameof(lat1));
        CheckLatitude(lat2, nameof(lat2));
        CheckFinite(lon1, nameof(lon1));
        CheckFinite(lon2, nameof(lon2));

        Span<double> scratch = stackalloc double[3 * Coefficients];
        Span<double> c1 = scratch[..Coefficients];
        Span<double> c2 = scratch.Slice(Coefficients, Coefficients);
        Span<double> c3 = scratch.Slice(2 * Coefficients, Coefficients);

        // Reduce to the canonical configuration lat1 ≤ 0, lat1 ≤ lat2 ≤ −lat1, 0 ≤ lon12 ≤ 180 and undo it at the end.
        double lon12 = AngleMath.Difference(lon1, lon2, out double lon12s);
        double lonSign = double.IsNegative(lon12) ? -1 : 1;
        lon12 = lonSign * AngleMath.Round(lon12);
        lon12s = AngleMath.Round((180 - lon12) - (lonSign * lon12s));
        double lam12 = lon12 * AngleMath.RadPerDeg;
        double slam12, clam12;
        if (lon12 > 90)
        {
            AngleMath.SinCosDeg(lon12s, out slam12, out clam12);
            clam12 = -clam12;
        }
        else
        {
            AngleMath.SinCosDeg(lon12, out slam12, out clam12);
        }

        lat1 = AngleMath.Round(lat1);
        lat2 = AngleMath.Round(lat2);
        double swap = Math.Abs(lat1) < Math.Abs(lat2) ? -1 : 1;
        if (swap < 0)
        {
            lonSign = -lonSign;
            (lat1, lat2) = (lat2, lat1);
        }

        double latSign = double.IsNegative(lat1) ? 1 : -1;
        lat1 *= latSign;
        lat2 *= latSign;

        ReducedLatitude(lat1, out double sbet1, out double cbet1);
        ReducedLatitude(lat2, out double sbet2, out double cbet2);

        // Make the two reduced latitudes equal (or opposite) when they should be, so the symmetric branches trigger.
        if (cbet1 < -sbet1)
        {
            if (cbet2 == cbet1)
            {
                sbet2 = Math.CopySign(sbet1, sbet2);
            }
        }
        else if (Math.Abs(sbet2) == -sbet1)
        {
            cbet2 = cbet1;
        }

        double dn1 = Math.Sqrt(1 + (Ep2 * sbet1 * sbet1));
        double dn2 = Math.Sqrt(1 + (Ep2 * sbet2 * sbet2));

        double s12x = 0, sig12 = 0;
        double salp1 = 0, calp1 = 0, salp2 = 0, calp2 = 0;
        bool meridian = lat1 == -90 || slam12 == 0;

        if (meridian)
        {
            // Along a meridian: the azimuth is known, only the length needs the series.
            calp1 = clam12;
            salp1 = slam12;
            calp2 = 1;
            salp2 = 0;
            double ssig1 = sbet1, csig1 = calp1 * cbet1;
            double ssig2 = sbet2, csig2 = calp2 * cbet2;
            sig12 = Math.Atan2(Math.Max(0.0, (csig1 * ssig2) - (ssig1 * csig2)), (csig1 * csig2) + (ssig1 * ssig2));
            Lengths(N, sig12, ssig1, csig1, dn1, ssig2, csig2, dn2, c1, c2, out double s12b, out double m12b);
            if (sig12 < 1 || m12b >= 0)
            {
                if (sig12 < 3 * Tiny)
                {
                    sig12 = s12b = 0;
                }

                s12x = s12b * B;
            }
            else
            {
                meridian = false; // the meridian is not the shortest path (beyond a conjugate point)
            }
        }

        if (!meridian && sbet1 == 0 && lon12s >= F * 180)
        {
            // Along the equator, when the equatorial path is shorter than going over a pole.
            calp1 = calp2 = 0;
            salp1 = salp2 = 1;
            s12x = A * lam12;
            sig12 = lam12 / F1;
        }
        else if (!meridian)
        {
            sig12 = InverseStart(sbet1, cbet1, dn1, sbet2, cbet2, dn2, lam12, slam12, clam12,
                out salp1, out calp1, out salp2, out calp2, out double dnm);
            if (sig12 >= 0)
            {
                // Short line: the great-ellipse starting guess is already accurate to round-off.
                s12x = sig12 * B * dnm;
            }
            else
            {
                SolveAzimuth(sbet1, cbet1, dn1, sbet2, cbet2, dn2, slam12, clam12, c1, c2, c3,
                    ref salp1, ref calp1, out salp2, out calp2, out s12x, out sig12);
            }
        }

        double s12 = 0.0 + s12x;
        if (swap < 0)
        {
            (salp1, salp2) = (salp2, salp1);
            (calp1, calp2) = (calp2, calp1);
        }

        salp1 *= swap * lonSign;
        calp1 *= swap * latSign;
        salp2 *= swap * lonSign;
        calp2 *= swap * latSign;
        double azi1 = AngleMath.Atan2Deg(salp1, calp1) * AngleMath.RadPerDeg;
        double azi2 = AngleMath.Atan2Deg(salp2, calp2) * AngleMath.RadPerDeg;
        return new GeodesicInverse(s12, azi1, azi2) { ArcRad = sig12 };
    }

    /// <summary>Newton iteration on α₁ to match the longitude difference, falling back to bisection of the bracket.</summary>
    private static void SolveAzimuth(
        double sbet1, double cbet1, double dn1, double sbet2, double cbet2, double dn2, double slam12, double clam12,
        Span<double> c1, Span<double> c2, Span<double> c3,
        ref double salp1, ref double calp1, out double salp2, out double calp2, out double s12x, out double sig12)
    {
        double ssig1 = 0, csig1 = 0, ssig2 = 0, csig2 = 0, eps = 0;
        salp2 = calp2 = sig12 = 0;
        bool tripN = false, tripB = false;
        double salp1a = Tiny, calp1a = 1, salp1b = Tiny, calp1b = -1;
        for (int iteration = 0; iteration < MaxIterations; iteration++)
        {
            double v = Lambda12(sbet1, cbet1, dn1, sbet2, cbet2, dn2, salp1, calp1, slam12, clam12,
                out salp2, out calp2, out sig12, out ssig1, out csig1, out ssig2, out csig2, out eps,
                iteration < MaxNewton, out double dv, c1, c2, c3);
            if (tripB || !(Math.Abs(v) >= (tripN ? 8 : 1) * Tol0))
            {
                break;
            }

            // Keep the bracket [α₁a, α₁b] that contains the root.
            if (v > 0 && (iteration > MaxNewton || calp1 / salp1 > calp1b / salp1b))
            {
                salp1b = salp1;
                calp1b = calp1;
            }
            else if (v < 0 && (iteration > MaxNewton || calp1 / salp1 < calp1a / salp1a))
            {
                salp1a = salp1;
                calp1a = calp1;
            }

            if (iteration < MaxNewton && dv > 0)
            {
                double dalp1 = -v / dv;
                if (Math.Abs(dalp1) < Math.PI)
                {
                    double sdalp1 = Math.Sin(dalp1), cdalp1 = Math.Cos(dalp1);
                    double nsalp1 = (salp1 * cdalp1) + (calp1 * sdalp1);
                    if (nsalp1 > 0)
                    {
                        calp1 = (calp1 * cdalp1) - (salp1 * sdalp1);
                        salp1 = nsalp1;
                        AngleMath.Normalize(ref salp1, ref calp1);
                        tripN = Math.Abs(v) <= 16 * Tol0;
                        continue;
                    }
                }
            }

            salp1 = (salp1a + salp1b) / 2;
            calp1 = (calp1a + calp1b) / 2;
            AngleMath.Normalize(ref salp1, ref calp1);
            tripN = false;
            tripB = (Math.Abs(salp1a - salp1) + (calp1a - calp1) < TolB) || (Math.Abs(salp1 - salp1b) + (calp1 - calp1b) < TolB);
        }

        Lengths(eps, sig12, ssig1, csig1, dn1, ssig2, csig2, dn2, c1, c2, out double s12b, out _);
        s12x = s12b * B;
    }

    /// <summary>
    /// Distance and reduced length (both divided by b) for arc σ₁₂, from the series for I₁ and I₂ (Karney eqs. 7, 38).
    /// </summary>
    private static void Lengths(
        double eps, double sig12, double ssig1, double csig1, double dn1, double ssig2, double csig2, double dn2,
        Span<double> c1, Span<double> c2, out double s12b, out double m12b)
    {
        GeodesicSeries.C1(eps, c1);
        GeodesicSeries.C2(eps, c2);
        double a1 = GeodesicSeries.A1m1(eps), a2 = GeodesicSeries.A2m1(eps);
        double m0x = a1 - a2;
        a1 += 1;
        a2 += 1;
        double b1 = GeodesicSeries.SinSeries(ssig2, csig2, c1) - GeodesicSeries.SinSeries(ssig1, csig1, c1);
        s12b = a1 * (sig12 + b1);
        double b2 = GeodesicSeries.SinSeries(ssig2, csig2, c2) - GeodesicSeries.SinSeries(ssig1, csig1, c2);
        double j12 = (m0x * sig12) + ((a1 * b1) - (a2 * b2));
        m12b = (dn2 * (csig1 * ssig2)) - (dn1 * (ssig1 * csig2)) - (csig1 * csig2 * j12);
    }

    /// <summary>
    /// Starting guess for α₁. Returns σ₁₂ ≥ 0 when the pair is so close that the guess is already the answer,
    /// otherwise −1. Near-antipodal pairs use the astroid solution (Karney §5), which is what keeps them robust.
    /// </summary>
    private static double InverseStart(
        double sbet1, double cbet1, double dn1, double sbet2, double cbet2, double dn2, double lam12,
        double slam12, double clam12,
        out double salp1, out double calp1, out double salp2, out double calp2, out double dnm)
    {
        double sig12 = -1;
        salp2 = calp2 = double.NaN;
        dnm = double.NaN;
        double sbet12 = (sbet2 * cbet1) - (cbet2 * sbet1);
        double cbet12 = (cbet2 * cbet1) + (sbet2 * sbet1);
        double sbet12a = (sbet2 * cbet1) + (cbet2 * sbet1);
        bool shortLine = cbet12 >= 0 && sbet12 < 0.5 && cbet2 * lam12 < 0.5;
        double somg12, comg12;
        if (shortLine)
        {
            double sbetm2 = (sbet1 + sbet2) * (sbet1 + sbet2);
            sbetm2 /= sbetm2 + ((cbet1 + cbet2) * (cbet1 + cbet2));
            dnm = Math.Sqrt(1 + (Ep2 * sbetm2));
            double omg12 = lam12 / (F1 * dnm);
            somg12 = Math.Sin(omg12);
            comg12 = Math.Cos(omg12);
        }
        else
        {
            somg12 = slam12;
            comg12 = clam12;
        }

        salp1 = cbet2 * somg12;
        calp1 = comg12 >= 0
            ? sbet12 + (cbet2 * sbet1 * somg12 * somg12 / (1 + comg12))
            : sbet12a - (cbet2 * sbet1 * somg12 * somg12 / (1 - comg12));
        double ssig12 = Math.Sqrt((salp1 * salp1) + (calp1 * calp1));
        double csig12 = (sbet1 * sbet2) + (cbet1 * cbet2 * comg12);

        if (shortLine && ssig12 < ETol2)
        {
            salp2 = cbet1 * somg12;
            calp2 = sbet12 - (cbet1 * sbet2 * (comg12 >= 0 ? somg12 * somg12 / (1 + comg12) : 1 - comg12));
            AngleMath.Normalize(ref salp2, ref calp2);
            sig12 = Math.Atan2(ssig12, csig12);
        }
        else if (Math.Abs(N) > 0.1 || csig12 >= 0 || ssig12 >= 6 * Math.Abs(N) * Math.PI * cbet1 * cbet1)
        {
            // Not nearly antipodal: the spherical guess above serves.
        }
        else
        {
            // Nearly antipodal: scale into the astroid problem x, y and solve for the azimuth.
            double lam12x = Math.Atan2(-slam12, -clam12); // λ₁₂ − π
            double k2 = sbet1 * sbet1 * Ep2;
            double eps = k2 / ((2 * (1 + Math.Sqrt(1 + k2))) + k2);
            double lamScale = F * cbet1 * GeodesicSeries.A3(N, eps) * Math.PI;
            double betScale = lamScale * cbet1;
            double x = lam12x / lamScale;
            double y = sbet12a / betScale;
            if (y > -Tol1 && x > -1 - XThresh)
            {
                salp1 = Math.Min(1.0, -x);
                calp1 = -Math.Sqrt(1 - (salp1 * salp1));
            }
            else
            {
                double k = Astroid(x, y);
                double omg12a = lamScale * (-x * k / (1 + k));
                somg12 = Math.Sin(omg12a);
                comg12 = -Math.Cos(omg12a);
                salp1 = cbet2 * somg12;
                calp1 = sbet12a - (cbet2 * sbet1 * somg12 * somg12 / (1 - comg12));
            }
        }

        if (!(salp1 <= 0))
        {
            AngleMath.Normalize(ref salp1, ref calp1);
        }
        else
        {
            salp1 = 1;
            calp1 = 0;
        }

        _ = dn1;
        _ = dn2;
        return sig12;
    }

    /// <summary>The positive root k of k⁴ + 2k³ − (x² + y² − 1)k² − 2y²k − y² = 0 (Karney eq. 55).</summary>
    private static double Astroid(double x, double y)
    {
        double p = x * x, q = y * y, r = (p + q - 1) / 6;
        if (q == 0 && r <= 0)
        {
            return 0;
        }

        double s = p * q / 4, r2 = r * r, r3 = r * r2;
        double disc = s * (s + (2 * r3));
        double u = r;
        if (disc >= 0)
        {
            double t3 = s + r3;
            t3 += t3 < 0 ? -Math.Sqrt(disc) : Math.Sqrt(disc);
            double t = Math.Cbrt(t3);
            u += t + (t != 0 ? r2 / t : 0);
        }
        else
        {
            double ang = Math.Atan2(Math.Sqrt(-disc), -(s + r3));
            u += 2 * r * Math.Cos(ang / 3);
        }

        double v = Math.Sqrt((u * u) + q);
        double uv = u < 0 ? q / (v - u) : u + v;
        double w = (uv - q) / (2 * v);
        return uv / (Math.Sqrt(uv + (w * w)) + w);
    }

    /// <summary>Longitude difference λ₁₂(α₁) minus the target, and its derivative for Newton's method.</summary>
    private static double Lambda12(
        double sbet1, double cbet1, double dn1, double sbet2, double cbet2, double dn2, double salp1, double calp1,
        double slam120, double clam120,
        out double salp2, out double calp2, out double sig12, out double ssig1, out double csig1,
        out double ssig2, out double csig2, out double eps, bool wantDerivative, out double dlam12,
        Span<double> c1, Span<double> c2, Span<double> c3)
    {
        if (sbet1 == 0 && calp1 == 0)
        {
            calp1 = -Tiny; // break the degeneracy of an equatorial start heading due north/south
        }

        double salp0 = salp1 * cbet1;
        double calp0 = Math.Sqrt((calp1 * calp1) + (salp1 * sbet1 * (salp1 * sbet1)));
        ssig1 = sbet1;
        double somg1 = salp0 * sbet1;
        csig1 = calp1 * cbet1;
        double comg1 = csig1;
        AngleMath.Normalize(ref ssig1, ref csig1);

        salp2 = cbet2 != cbet1 ? salp0 / cbet2 : salp1;
        calp2 = cbet2 != cbet1 || Math.Abs(sbet2) != -sbet1
            ? Math.Sqrt((calp1 * cbet1 * (calp1 * cbet1)) +
                (cbet1 < -sbet1 ? (cbet2 - cbet1) * (cbet1 + cbet2) : (sbet1 - sbet2) * (sbet1 + sbet2))) / cbet2
            : Math.Abs(calp1);
        ssig2 = sbet2;
        double somg2 = salp0 * sbet2;
        csig2 = calp2 * cbet2;
        double comg2 = csig2;
        AngleMath.Normalize(ref ssig2, ref csig2);

        sig12 = Math.Atan2(Math.Max(0.0, (csig1 * ssig2) - (ssig1 * csig2)), (csig1 * csig2) + (ssig1 * ssig2));
        double somg12 = Math.Max(0.0, (comg1 * somg2) - (somg1 * comg2));
        double comg12 = (comg1 * comg2) + (somg1 * somg2);
        double eta = Math.Atan2((somg12 * clam120) - (comg12 * slam120), (comg12 * clam120) + (somg12 * slam120));
        double k2 = calp0 * calp0 * Ep2;
        eps = k2 / ((2 * (1 + Math.Sqrt(1 + k2))) + k2);
        GeodesicSeries.C3(N, eps, c3);
        double b312 = GeodesicSeries.SinSeries(ssig2, csig2, c3) - GeodesicSeries.SinSeries(ssig1, csig1, c3);
        double domg12 = -F * GeodesicSeries.A3(N, eps) * salp0 * (sig12 + b312);
        double lam12 = eta + domg12;

        dlam12 = 0;
        if (wantDerivative)
        {
            if (calp2 == 0)
            {
                dlam12 = -2 * F1 * dn1 / sbet1;
            }
            else
            {
                Lengths(eps, sig12, ssig1, csig1, dn1, ssig2, csig2, dn2, c1, c2, out _, out double m12b);
                dlam12 = m12b * F1 / (calp2 * cbet2);
            }
        }

        return lam12;
    }

    private static void DirectDeg(double lat1, double lon1, double azi1, double s12, out double lat2, out double lon2, out double azi2)
    {
        Span<double> scratch = stackalloc double[3 * Coefficients];
        Span<double> c1 = scratch[..Coefficients];
        Span<double> c1p = scratch.Slice(Coefficients, Coefficients);
        Span<double> c3 = scratch.Slice(2 * Coefficients, Coefficients);

        AngleMath.SinCosDeg(AngleMath.Round(AngleMath.Normalize(azi1)), out double salp1, out double calp1);
        ReducedLatitude(AngleMath.Round(lat1), out double sbet1, out double cbet1);

        // The great circle on the auxiliary sphere: its equatorial azimuth α₀ and the arc σ₁ from the node.
        double salp0 = salp1 * cbet1;
        double calp0 = Math.Sqrt((calp1 * calp1) + (salp1 * sbet1 * (salp1 * sbet1)));
        double ssig1 = sbet1, somg1 = salp0 * sbet1;
        double csig1 = sbet1 != 0 || calp1 != 0 ? cbet1 * calp1 : 1;
        double comg1 = csig1;
        AngleMath.Normalize(ref ssig1, ref csig1);

        double k2 = calp0 * calp0 * Ep2;
        double eps = k2 / ((2 * (1 + Math.Sqrt(1 + k2))) + k2);
        double a1m1 = GeodesicSeries.A1m1(eps);
        GeodesicSeries.C1(eps, c1);
        GeodesicSeries.C1p(eps, c1p);
        GeodesicSeries.C3(N, eps, c3);
        double b11 = GeodesicSeries.SinSeries(ssig1, csig1, c1);
        double sb = Math.Sin(b11), cb = Math.Cos(b11);
        double stau1 = (ssig1 * cb) + (csig1 * sb), ctau1 = (csig1 * cb) - (ssig1 * sb);
        double a3c = -F * salp0 * GeodesicSeries.A3(N, eps);
        double b31 = GeodesicSeries.SinSeries(ssig1, csig1, c3);

        // Distance → arc length by reverting the distance series (τ → σ).
        double tau12 = s12 / (B * (1 + a1m1));
        double st = Math.Sin(tau12), ct = Math.Cos(tau12);
        double b12 = -GeodesicSeries.SinSeries((stau1 * ct) + (ctau1 * st), (ctau1 * ct) - (stau1 * st), c1p);
        double sig12 = tau12 - (b12 - b11);
        double ssig12 = Math.Sin(sig12), csig12 = Math.Cos(sig12);

        double ssig2 = (ssig1 * csig12) + (csig1 * ssig12);
        double csig2 = (csig1 * csig12) - (ssig1 * ssig12);
        double sbet2 = calp0 * ssig2;
        double cbet2 = Math.Sqrt((salp0 * salp0) + (calp0 * csig2 * (calp0 * csig2)));
        if (cbet2 == 0)
        {
            cbet2 = csig2 = Tiny; // arriving exactly at a pole
        }

        double salp2 = salp0, calp2 = calp0 * csig2;
        double somg2 = salp0 * ssig2, comg2 = csig2;
        double e = Math.CopySign(1, salp0);
        double omg12 = e * (sig12 - (Math.Atan2(ssig2, csig2) - Math.Atan2(ssig1, csig1))
            + (Math.Atan2(e * somg2, comg2) - Math.Atan2(e * somg1, comg1)));
        double lam12 = omg12 + (a3c * (sig12 + (GeodesicSeries.SinSeries(ssig2, csig2, c3) - b31)));
        double lon12 = lam12 * AngleMath.DegPerRad;

        lon2 = AngleMath.Normalize(AngleMath.Normalize(lon1) + AngleMath.Normalize(lon12));
        lat2 = AngleMath.Atan2Deg(sbet2, F1 * cbet2);
        azi2 = AngleMath.Atan2Deg(salp2, calp2);
    }

    /// <summary>sin and cos of the reduced (parametric) latitude β, tan β = (1 − f) tan φ; cos β kept ≥ tiny at the poles.</summary>
    private static void ReducedLatitude(double latDeg, out double sbet, out double cbet)
    {
        AngleMath.SinCosDeg(latDeg, out sbet, out cbet);
        sbet *= F1;
        AngleMath.Normalize(ref sbet, ref cbet);
        cbet = Math.Max(Tiny, cbet);
    }

    // A valid position at ±π/2 rad can convert to 90.00000000000001° by rounding.
    private static double ClampLatitude(double latDeg) => Math.Clamp(latDeg, -90.0, 90.0);

    private static void CheckLatitude(double latDeg, string name)
    {
        if (!double.IsFinite(latDeg) || Math.Abs(latDeg) > 90)
        {
            ThrowLatitude(latDeg, name);
        }
    }

    private static void CheckFinite(double value, string name)
    {
        if (!double.IsFinite(value))
        {
            ThrowNotFinite(name, value);
        }
    }

    private static void ThrowLatitude(double latDeg, string name) =>
        throw new ArgumentOutOfRangeException(name, latDeg,
            string.Create(CultureInfo.InvariantCulture, $"latitude must be finite and within ±90°, got {latDeg}°"));

    private static void ThrowNotFinite(string name, double value) =>
        throw new ArgumentOutOfRangeException(name, value,
            string.Create(CultureInfo.InvariantCulture, $"{name} must be finite, got {value}"));
}
