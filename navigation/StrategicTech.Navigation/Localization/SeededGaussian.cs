namespace StrategicTech.Navigation.Localization;

/// <summary>
/// Standard normal draws from an injected, seeded <see cref="Random"/> by the Box–Muller transform (both values of
/// each pair are used). Deterministic for a given seed; allocates nothing per draw.
/// </summary>
public struct SeededGaussian : IStandardNormalSource
{
    private readonly Random _random;
    private double _spare;
    private bool _hasSpare;

    public SeededGaussian(Random random)
    {
        _random = random ?? throw new ArgumentNullException(nameof(random));
        _spare = 0;
        _hasSpare = false;
    }

    public double NextStandardNormal()
    {
        if (_hasSpare)
        {
            _hasSpare = false;
            return _spare;
        }

        double u1 = 1.0 - _random.NextDouble(); // (0, 1]: the logarithm stays finite
        double u2 = _random.NextDouble();
        double radius = Math.Sqrt(-2.0 * Math.Log(u1));
        double angle = 2.0 * Math.PI * u2;
        _spare = radius * Math.Sin(angle);
        _hasSpare = true;
        return radius * Math.Cos(angle);
    }
}
