namespace StrategicTech.Navigation.Localization;

/// <summary>
/// Low-variance (systematic) resampling, Probabilistic Robotics Table 4.4: one uniform offset, then a comb of
/// equally spaced pointers through the cumulative weights. Particle i is drawn ⌊M·wᵢ⌋ or ⌈M·wᵢ⌉ times.
/// </summary>
public static class LowVarianceResampler
{
    /// <summary>
    /// Fills <paramref name="parents"/> (M = its length) with indices into <paramref name="weights"/> (normalised to
    /// sum 1), in ascending order, using offset <paramref name="offset01"/> in [0, 1).
    /// </summary>
    public static void Resample(ReadOnlySpan<double> weights, Span<int> parents, double offset01)
    {
        if (weights.IsEmpty)
        {
            throw new ArgumentException("no weights to resample", nameof(weights));
        }

        int m = parents.Length;
        double step = 1.0 / m;
        double pointer = offset01 * step;
        double cumulative = weights[0];
        int i = 0;
        int last = weights.Length - 1;
        for (int k = 0; k < m; k++)
        {
            while (pointer > cumulative && i < last)
            {
                i++;
                cumulative += weights[i];
            }

            parents[k] = i;
            pointer += step;
        }
    }
}
