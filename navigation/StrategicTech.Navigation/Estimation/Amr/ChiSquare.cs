namespace StrategicTech.Navigation.Estimation.Amr;

/// <summary>
/// Chi-square distribution for integer degrees of freedom: CDF through the regularised lower incomplete gamma
/// function P(k/2, x/2) (power series, exact to rounding) and quantiles by bisection. Used to turn a gate
/// probability into a Mahalanobis threshold at construction time and by consistency (NEES) tests; never in a hot path.
/// </summary>
public static class ChiSquare
{
    public static double Cdf(double x, int degreesOfFreedom)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(degreesOfFreedom, 1);
        if (x <= 0)
        {
            return 0;
        }

        double a = degreesOfFreedom / 2.0;
        double z = x / 2.0;
        if (z > a + 40 + (10 * Math.Sqrt(a)))
        {
            return 1; // the upper tail is below double precision here
        }

        // P(a, z) = z^a e^-z / Gamma(a+1) * sum_n z^n / ((a+1)...(a+n))
        double term = 1, sum = 1;
        for (int n = 1; n < 10_000; n++)
        {
            term *= z / (a + n);
            sum += term;
            if (term < sum * 1e-17)
            {
                break;
            }
        }

        double logPrefix = (a * Math.Log(z)) - z - LogGammaHalfInteger(a + 1);
        return Math.Min(1, Math.Exp(logPrefix + Math.Log(sum)));
    }

    /// <summary>The x with Cdf(x, k) = <paramref name="probability"/>.</summary>
    public static double Quantile(double probability, int degreesOfFreedom)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(degreesOfFreedom, 1);
        if (!(probability > 0 && probability < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(probability), probability, "probability must lie strictly between 0 and 1");
        }

        double lo = 0, hi = degreesOfFreedom + 10;
        while (Cdf(hi, degreesOfFreedom) < probability)
        {
            hi *= 2;
        }

        for (int i = 0; i < 200 && hi - lo > 1e-12 * hi; i++)
        {
            double mid = 0.5 * (lo + hi);
            if (Cdf(mid, degreesOfFreedom) < probability)
            {
                lo = mid;
            }
            else
            {
                hi = mid;
            }
        }

        return 0.5 * (lo + hi);
    }

    /// <summary>ln Gamma(a) for a a positive multiple of 1/2 (all chi-square needs): recursion down to Gamma(1) = 1 or Gamma(1/2) = sqrt(pi).</summary>
    private static double LogGammaHalfInteger(double a)
    {
        double log = 0;
        while (a > 1.25)
        {
            a -= 1;
            log += Math.Log(a);
        }

        return a > 0.75 ? log : log + (0.5 * Math.Log(Math.PI));
    }
}
