using System.Runtime.CompilerServices;

namespace StrategicTech.Sim.Physics;

/// <summary>
/// A small seeded generator (xoshiro256** by Blackman and Vigna, seeded through SplitMix64) with Gaussian draws by
/// a ziggurat. A mutable struct: each model owns its own copy, so no state is shared and the same seed
/// always gives the same sequence. Hold it in a non-readonly field and call it in place.
/// </summary>
public struct DeterministicRandom
{
    private ulong _s0, _s1, _s2, _s3;

    public DeterministicRandom(ulong seed)
    {
        ulong x = seed;
        _s0 = SplitMix64(ref x);
        _s1 = SplitMix64(ref x);
        _s2 = SplitMix64(ref x);
        _s3 = SplitMix64(ref x);
    }

    /// <summary>A seed for a sub-model derived from a parent seed and a stream number, so models do not correlate.</summary>
    public static ulong DeriveSeed(ulong seed, ulong stream)
    {
        ulong x = seed ^ (stream * 0xD1B54A32D192ED03UL);
        return SplitMix64(ref x);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ulong NextUInt64()
    {
        ulong result = RotateLeft(_s1 * 5, 7) * 9;
        ulong t = _s1 << 17;
        _s2 ^= _s0;
        _s3 ^= _s1;
        _s1 ^= _s2;
        _s0 ^= _s3;
        _s2 ^= t;
        _s3 = RotateLeft(_s3, 45);
        return result;
    }

    /// <summary>Uniform in [0, 1) with 53 random bits.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>
    /// Standard normal N(0, 1) by the ziggurat method (Marsaglia and Tsang 2000, with Doornik's 2005 correction:
    /// the strip index and the uniform come from independent bits). About 98.8 % of draws take one 64-bit number and
    /// a multiply; the rest fall back to the exact wedge or tail test.
    /// </summary>
    public double NextGaussian()
    {
        ReadOnlySpan<double> x = Ziggurat.X;
        ReadOnlySpan<double> ratio = Ziggurat.Ratio;
        while (true)
        {
            ulong bits = NextUInt64();
            int i = (int)(bits & (Ziggurat.Strips - 1));
            double u = (2.0 * ((bits >> 11) * (1.0 / (1UL << 53)))) - 1.0;
            if (Math.Abs(u) < ratio[i])
            {
                return u * x[i];
            }

            if (i == 0)
            {
                return Tail(u < 0);
            }

            double candidate = u * x[i];
            double f0 = Math.Exp(-0.5 * ((x[i] * x[i]) - (candidate * candidate)));
            double f1 = Math.Exp(-0.5 * ((x[i + 1] * x[i + 1]) - (candidate * candidate)));
            if (f1 + (NextDouble() * (f0 - f1)) < 1.0)
            {
                return candidate;
            }
        }
    }

    /// <summary>Exponentially distributed with the given mean.</summary>
    public double NextExponential(double mean) => -mean * Math.Log(1.0 - NextDouble());

    /// <summary>Marsaglia's tail algorithm for |x| beyond the base strip's edge R.</summary>
    private double Tail(bool negative)
    {
        double x, y;
        do
        {
            x = Math.Log(1.0 - NextDouble()) / Ziggurat.R;
            y = Math.Log(1.0 - NextDouble());
        }
        while (-2 * y < x * x);

        return negative ? x - Ziggurat.R : Ziggurat.R - x;
    }

    private static ulong RotateLeft(ulong x, int k) => (x << k) | (x >> (64 - k));

    private static ulong SplitMix64(ref ulong x)
    {
        ulong z = x += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}

/// <summary>The 128-strip ziggurat of the standard normal, built once (R and V from Marsaglia and Tsang).</summary>
file static class Ziggurat
{
    public const int Strips = 128;
    public const double R = 3.442619855899;
    private const double V = 9.91256303526217e-3;

    /// <summary>Strip edges; X[0] is the base strip's pseudo-width V/f(R), X[Strips] = 0.</summary>
    public static readonly double[] X = BuildEdges();

    /// <summary>X[i+1]/X[i]: below it a draw lies inside the strip's rectangle and is accepted at once.</summary>
    public static readonly double[] Ratio = BuildRatios(X);

    private static double[] BuildEdges()
    {
        var x = new double[Strips + 1];
        double f = Math.Exp(-0.5 * R * R);
        x[0] = V / f;
        x[1] = R;
        for (int i = 2; i < Strips; i++)
        {
            x[i] = Math.Sqrt(-2 * Math.Log((V / x[i - 1]) + f));
            f = Math.Exp(-0.5 * x[i] * x[i]);
        }

        x[Strips] = 0;
        return x;
    }

    private static double[] BuildRatios(double[] x)
    {
        var r = new double[Strips];
        for (int i = 0; i < Strips; i++)
        {
            r[i] = x[i + 1] / x[i];
        }

        return r;
    }
}
