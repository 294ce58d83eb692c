namespace StrategicTech.Navigation.Localization;

/// <summary>
/// KLD-sampling (Fox, "Adapting the sample size in particle filters through KLD-sampling", IJRR 2003): the number
/// of samples that keeps the Kullback–Leibler distance between the sampled and the true posterior below ε with
/// probability 1 − δ, for a posterior occupying k histogram bins, by the Wilson–Hilferty approximation of the χ²
/// quantile: n = (k − 1)/(2ε) · (1 − 2/(9(k − 1)) + √(2/(9(k − 1)))·z₁₋δ)³.
/// </summary>
public static class KldSampling
{
    /// <summary>Samples needed for <paramref name="occupiedBins"/> bins; 1 for a single bin (zero distance for any n).</summary>
    public static int RequiredParticles(int occupiedBins, double err, double z)
    {
        if (occupiedBins <= 1)
        {
            return 1;
        }

        double k1 = occupiedBins - 1;
        double a = 2.0 / (9.0 * k1);
        double cube = 1.0 - a + (Math.Sqrt(a) * z);
        double n = k1 / (2.0 * err) * cube * cube * cube;
        return n >= int.MaxValue ? int.MaxValue : (int)Math.Ceiling(n);
    }
}
