using StrategicTech.Navigation.Numerics;

namespace StrategicTech.Navigation.Tests.Numerics;

public class DoubleDoubleTests
{
    /// <summary>sin and cos against 50-digit references (mpmath), split into double pairs: the leading double is the
    /// correctly rounded value and the pair is within 1e-20 (the precision the geodesy needs), including at π/2 and π
    /// where the reduction must keep the residual of π.</summary>
    [Theory]
    [InlineData(1.0, 0.8414709848078965, 1.776845092935536e-18, 0.5403023058681398, -4.760954612604417e-17)]
    [InlineData(0.7853981633974483, 0.7071067811865475, 4.1036934489363755e-17, 0.7071067811865476, -2.6687565161377232e-17)]
    [InlineData(1.5707963267948966, 1.0, -1.874699728327322e-33, 6.123233995736766e-17, -1.4973849048591698e-33)]
    [InlineData(3.141592653589793, 1.2246467991473532e-16, -2.99476980971834e-33, -1.0, 7.498798913309288e-33)]
    [InlineData(-2.5, -0.5984721441039565, 5.521403334082375e-17, -0.8011436155469337, -1.8674742705085553e-17)]
    [InlineData(100.0, -0.5063656411097588, -3.050947053792115e-18, 0.8623188722876839, 4.334809858136501e-17)]
    [InlineData(1000000.1, -0.2547258270603761, -2.173346391115877e-17, 0.9670133158485499, 3.006251518041072e-17)]
    public void SinCos_matches_high_precision_references(double x, double sinHi, double sinLo, double cosHi, double cosLo)
    {
        DoubleDoubleTrig.SinCos(x, out DoubleDouble sin, out DoubleDouble cos);
        Assert.Equal(sinHi, sin.Hi);
        Assert.Equal(cosHi, cos.Hi);
        Assert.InRange(Math.Abs(sin.Hi - sinHi + (sin.Lo - sinLo)), 0, Tolerance(sinHi));
        Assert.InRange(Math.Abs(cos.Hi - cosHi + (cos.Lo - cosLo)), 0, Tolerance(cosHi));
    }

    /// <summary>2e-20 absolute; near a zero of sin or cos (multiples of π/2) the result keeps its relative precision.</summary>
    private static double Tolerance(double value) => Math.Abs(value) < 1e-10 ? 1e-30 : 2e-20;

    [Fact]
    public void SinCos_keeps_sin_squared_plus_cos_squared_at_one()
    {
        var random = new Random(3);
        for (int i = 0; i < 10_000; i++)
        {
            double x = (random.NextDouble() - 0.5) * 20;
            DoubleDoubleTrig.SinCos(x, out DoubleDouble sin, out DoubleDouble cos);
            DoubleDouble one = (sin * sin) + (cos * cos);
            Assert.InRange(Math.Abs((one - 1).Hi), 0, 4e-20);
            Assert.Equal(Math.Sin(x), sin.Hi, 2e-16);
        }
    }

    [Fact]
    public void Error_free_transformations_are_exact()
    {
        DoubleDouble sum = DoubleDouble.TwoSum(1.0, 1e-17);
        Assert.Equal(1.0, sum.Hi);
        Assert.Equal(1e-17, sum.Lo);
        double a = 1 + Math.Pow(2, -30), b = 1 - Math.Pow(2, -30);
        DoubleDouble product = DoubleDouble.TwoProduct(a, b);
        Assert.Equal(1.0, product.Hi);
        Assert.Equal(-Math.Pow(2, -60), product.Lo);
    }

    [Fact]
    public void Sqrt_and_division_carry_double_double_precision()
    {
        // √2 = 1.4142135623730951 − 9.667293313452913e-17 (to 1e-32); one Newton step leaves about 1e-32.
        DoubleDouble root = DoubleDouble.Sqrt(2);
        Assert.Equal(1.4142135623730951, root.Hi);
        Assert.InRange(Math.Abs(root.Lo - -9.667293313452913e-17), 0, 3e-32);
        DoubleDouble third = new DoubleDouble(1, 0) / 3;
        DoubleDouble back = third * 3 - 1;
        Assert.InRange(Math.Abs(back.Hi), 0, 1e-31);
        Assert.Equal(0, DoubleDouble.Sqrt(0).Hi);
        Assert.True(double.IsNaN(DoubleDouble.Sqrt(-1).Hi));
    }
}
