using StrategicTech.Navigation.Geodesy;

namespace StrategicTech.Navigation.Tests.Geodesy;

// Tolerances in this class are either rounding epsilons on exact identities (round trips, 1e-9 m / 1e-12 rad: about
// one ulp of an Earth-sized coordinate) or half a unit in the last digit of the published reference value (the
// reference's own rounding, which no measurement can tighten).
public class NormalGravityTests
{
    [Fact]
    public void Equator_and_poles_give_the_TR8350_2_values()
    {
        Assert.Equal(9.7803253359, NormalGravity.OnEllipsoidMps2(0), 10);
        Assert.Equal(9.8321849378, NormalGravity.OnEllipsoidMps2(Math.PI / 2), 9);
        Assert.Equal(9.8321849378, NormalGravity.OnEllipsoidMps2(-Math.PI / 2), 9);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(30.0)]
    [InlineData(45.0)]
    [InlineData(-60.0)]
    [InlineData(89.0)]
    public void Closed_form_agrees_with_Somiglianas_original_form(double latitudeDeg)
    {
        // γ = (a γe cos²φ + b γp sin²φ) / √(a² cos²φ + b² sin²φ) (TR8350.2 eq. 4-1, first form).
        const double a = Wgs84.SemiMajorAxisM, b = Wgs84.SemiMinorAxisM;
        double phi = latitudeDeg * Math.PI / 180, c2 = Math.Cos(phi) * Math.Cos(phi), s2 = Math.Sin(phi) * Math.Sin(phi);
        double expected = ((a * NormalGravity.EquatorMps2 * c2) + (b * NormalGravity.PoleMps2 * s2)) / Math.Sqrt((a * a * c2) + (b * b * s2));
        Assert.Equal(expected, NormalGravity.OnEllipsoidMps2(phi), 9);
    }

    [Fact]
    public void Published_constants_are_consistent()
    {
        // k = b γp / (a γe) − 1 and m = ω² a² b / GM (TR8350.2 tables 3.4, 3.5).
        double k = (Wgs84.SemiMinorAxisM * NormalGravity.PoleMps2 / (Wgs84.SemiMajorAxisM * NormalGravity.EquatorMps2)) - 1;
        Assert.True(Math.Abs(NormalGravity.SomiglianaK - k) < 1e-11, $"k {k}"); // γe, γp are published to 10 digits
        double m = Wgs84.AngularVelocityRadPerS * Wgs84.AngularVelocityRadPerS * Wgs84.SemiMajorAxisM * Wgs84.SemiMajorAxisM
            * Wgs84.SemiMinorAxisM / Wgs84.GravitationalConstantM3PerS2;
        Assert.Equal(NormalGravity.M, m, 12);
    }

    [Fact]
    public void Gravity_falls_by_about_0_3086_mgal_per_metre_of_height()
    {
        // The free-air gradient of normal gravity is ≈ 0.3086 mGal/m = 3.086e-6 s⁻² at the equator.
        double g0 = NormalGravity.AtMps2(0, 0);
        double g1000 = NormalGravity.AtMps2(0, 1000);
        Assert.Equal(3.086e-3, g0 - g1000, 1.5e-6); // measured 3.08697e-3 m/s² over 1 km (0.97e-6 above the quoted gradient); bound 1.5e-6
        Assert.Equal(g0, NormalGravity.OnEllipsoidMps2(0), 15);
    }

    [Theory]
    [InlineData(2.0)]
    [InlineData(double.NaN)]
    public void Out_of_range_latitude_is_refused(double latitudeRad)
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => NormalGravity.AtMps2(latitudeRad, 0));
        Assert.Equal("latitudeRad", ex.ParamName);
    }
}
