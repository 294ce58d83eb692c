using System.Globalization;
using System.Runtime.CompilerServices;

namespace StrategicTech.Navigation.Numerics;

/// <summary>
/// A double-double: the unevaluated sum <see cref="Hi"/> + <see cref="Lo"/> of two doubles with |Lo| at most half an
/// ulp of Hi, so about 106 significant bits (relative precision near 1e-32). Built on the error-free transformations
/// TwoSum (Knuth) and TwoProduct (one fused multiply-add), after Dekker (1971) and Hida, Li and Bailey's QD library
/// algorithms. Used where a result must be rounded to double exactly once, such as the geodetic ↔ ECEF conversions.
/// Because the pair is normalised, <see cref="Hi"/> is the double nearest to the represented value.
/// </summary>
public readonly struct DoubleDouble : IEquatable<DoubleDouble>
{
    public DoubleDouble(double hi, double lo)
    {
        Hi = hi;
        Lo = lo;
    }

    /// <summary>The leading part: the represented value rounded to double.</summary>
    public double Hi { get; }

    /// <summary>The trailing part (the rounding error of <see cref="Hi"/>).</summary>
    public double Lo { get; }

    public static DoubleDouble Zero => default;

    public static implicit operator DoubleDouble(double value) => new(value, 0);

    /// <summary>The value rounded to double (round to nearest).</summary>
    public double ToDouble() => Hi + Lo;

    /// <summary>s + e = a + b exactly, s = fl(a + b) (Knuth's TwoSum, no ordering requirement).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static DoubleDouble TwoSum(double a, double b)
    {
        double s = a + b;
        double bb = s - a;
        double e = (a - (s - bb)) + (b - bb);
        return new(s, e);
    }

    /// <summary>p + e = a·b exactly, p = fl(a·b), using one fused multiply-add.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static DoubleDouble TwoProduct(double a, double b)
    {
        double p = a * b;
        return new(p, Math.FusedMultiplyAdd(a, b, -p));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static DoubleDouble FastTwoSum(double a, double b)
    {
        double s = a + b;
        return new(s, b - (s - a));
    }

    /// <summary>Sum with relative error below 4·2⁻¹⁰⁶ even under cancellation (the "accurate" QD addition).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static DoubleDouble operator +(DoubleDouble a, DoubleDouble b)
    {
        DoubleDouble s = TwoSum(a.Hi, b.Hi);
        DoubleDouble t = TwoSum(a.Lo, b.Lo);
        DoubleDouble u = FastTwoSum(s.Hi, s.Lo + t.Hi);
        return FastTwoSum(u.Hi, u.Lo + t.Lo);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static DoubleDouble operator +(DoubleDouble a, double b)
    {
        DoubleDouble s = TwoSum(a.Hi, b);
        return FastTwoSum(s.Hi, s.Lo + a.Lo);
    }

    public static DoubleDouble operator -(DoubleDouble a) => new(-a.Hi, -a.Lo);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static DoubleDouble operator -(DoubleDouble a, DoubleDouble b) => a + (-b);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static DoubleDouble operator -(DoubleDouble a, double b) => a + (-b);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static DoubleDouble operator *(DoubleDouble a, DoubleDouble b)
    {
        DoubleDouble p = TwoProduct(a.Hi, b.Hi);
        double lo = Math.FusedMultiplyAdd(a.Hi, b.Lo, Math.FusedMultiplyAdd(a.Lo, b.Hi, p.Lo));
        return FastTwoSum(p.Hi, lo);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static DoubleDouble operator *(DoubleDouble a, double b)
    {
        DoubleDouble p = TwoProduct(a.Hi, b);
        return FastTwoSum(p.Hi, Math.FusedMultiplyAdd(a.Lo, b, p.Lo));
    }

    /// <summary>Quotient by long division in three double steps.</summary>
    public static DoubleDouble operator /(DoubleDouble a, DoubleDouble b)
    {
        double q1 = a.Hi / b.Hi;
        DoubleDouble r = a - (b * q1);
        double q2 = r.Hi / b.Hi;
        r -= b * q2;
        double q3 = r.Hi / b.Hi;
        return FastTwoSum(q1, q2) + q3;
    }

    /// <summary>Square root: one Newton correction of the double root, computed with an exact residual.</summary>
    public static DoubleDouble Sqrt(DoubleDouble a)
    {
        if (!(a.Hi > 0))
        {
            return a.Hi == 0 ? Zero : new(double.NaN, double.NaN);
        }

        double s = Math.Sqrt(a.Hi);
        DoubleDouble residual = a - TwoProduct(s, s);
        return FastTwoSum(s, residual.Hi / (2 * s));
    }

    /// <summary>√(x² + y²) of double-doubles (no overflow guard: for geodetic magnitudes).</summary>
    public static DoubleDouble Hypot(DoubleDouble x, DoubleDouble y) => Sqrt((x * x) + (y * y));

    public bool Equals(DoubleDouble other) => Hi.Equals(other.Hi) && Lo.Equals(other.Lo);

    public override bool Equals(object? obj) => obj is DoubleDouble other && Equals(other);

    public override int GetHashCode() => HashCode.Combine(Hi, Lo);

    public static bool operator ==(DoubleDouble left, DoubleDouble right) => left.Equals(right);

    public static bool operator !=(DoubleDouble left, DoubleDouble right) => !left.Equals(right);

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Hi:R} + {Lo:R}");
}
