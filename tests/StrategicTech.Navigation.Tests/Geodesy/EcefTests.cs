using FsCheck.Xunit;
using StrategicTech.Navigation.Geodesy;
using StrategicTech.Navigation.Numerics;

namespace StrategicTech.Navigation.Tests.Geodesy;

// Tolerances in this class are either rounding epsilons on exact identities (round trips, 1e-9 m / 1e-12 rad: about
// one ulp of an Earth-sized coordinate) or half a unit in the last digit of the published reference value (the
// reference's own rounding, which no measurement can tighten).
public class EcefTests
{
    /// <summary>The round-trip tolerance the issue asks for: 1e-9 m (one ulp of an ECEF coordinate at the Earth's radius is 9.3e-10 m).</summary>
    public const double ToleranceM = 1e-9;

    /// <summary>Angular round-trip tolerance.</summary>
    public const double ToleranceRad = 1e-12;

    /// <summary>
    /// Round trip geodetic → ECEF → geodetic over the whole globe, poles and antimeridian included: angles within
    /// 1e-12 rad, height within 1e-9 m. Both directions are correctly rounded to within a hair, so the only height error
    /// left is the rounding of the three ECEF coordinates (≤ √3 · 4.7e-10 m). Longitude is compared on the unit circle;
    /// it is checked even at the poles, where the double-double ECEF still carries it (cos(π/2 as a double) = 6.1e-17).
    /// </summary>
    [Property(Arbitrary = [typeof(GeodesyGenerators)], MaxTest = 20_000)]
    public bool Geodetic_to_ecef_and_back_is_exact_over_the_globe(GeodeticPosition p) => RoundTripWithinTolerance(p);

    [Theory]
    [InlineData(90.0, 0.0, 0.0)]
    [InlineData(-90.0, 180.0, -500.0)]
    [InlineData(90.0, -180.0, 50_000.0)]
    [InlineData(0.0, 180.0, 0.0)]
    [InlineData(0.0, -180.0, -10_000.0)]
    [InlineData(0.0, 0.0, 100_000.0)]
    [InlineData(45.0, 90.0, 0.001)]
    [InlineData(-89.999999999, 179.999999999, 12_345.678)]
    [InlineData(89.99999999999, -179.99999999999, -499.999)]
    [InlineData(35.264389682754654, 135.0, 49_999.999)]
    public void Round_trip_is_exact_at_edge_cases(double latitudeDeg, double longitudeDeg, double heightM) =>
        Assert.True(RoundTripWithinTolerance(GeodeticPosition.FromDegrees(latitudeDeg, longitudeDeg, heightM)));

    private static bool RoundTripWithinTolerance(GeodeticPosition p)
    {
        GeodeticPosition back = Ecef.ToGeodetic(Ecef.FromGeodetic(p));
        double latErr = Math.Abs(back.LatitudeRad - p.LatitudeRad);
        double lonErr = Math.Abs(Math.IEEERemainder(back.LongitudeRad - p.LongitudeRad, 2 * Math.PI));
        double hErr = Math.Abs(back.HeightM - p.HeightM);
        return latErr <= ToleranceRad && lonErr <= ToleranceRad && hErr <= ToleranceM;
    }

    /// <summary>Each ECEF coordinate is the double nearest the exact value (checked against 50-digit references computed with mpmath).</summary>
    [Theory]
    [InlineData(0.8, 2.5, 1234.5, -3566871.515219403, 2664532.5532543394, 4553500.041992672)]
    [InlineData(-1.5, -3.0, -400.0, -448123.4866282154, -63878.45388924447, -6340322.654106484)]
    public void Ecef_coordinates_are_correctly_rounded(double latRad, double lonRad, double heightM, double x, double y, double z)
    {
        Vector3 e = Ecef.FromGeodetic(new GeodeticPosition(latRad, lonRad, heightM));
        Assert.Equal(x, e.X);
        Assert.Equal(y, e.Y);
        Assert.Equal(z, e.Z);
    }

    [Fact]
    public void Equator_prime_meridian_is_on_the_x_axis_at_the_semi_major_axis()
    {
        Vector3 e = Ecef.FromGeodetic(new GeodeticPosition(0, 0, 0));
        Assert.Equal(6_378_137.0, e.X, 9);
        Assert.Equal(0, e.Y, 9);
        Assert.Equal(0, e.Z, 9);
    }

    [Fact]
    public void North_pole_is_on_the_z_axis_at_the_semi_minor_axis()
    {
        // b = a(1 − f) = 6 356 752.314 245 179 m (NIMA TR8350.2 table 3.3 lists 6 356 752.3142).
        Vector3 e = Ecef.FromGeodetic(new GeodeticPosition(Math.PI / 2, 1.234, 100));
        Assert.Equal(0, e.X, 9);
        Assert.Equal(0, e.Y, 9);
        Assert.Equal(6_356_752.314245179 + 100, e.Z, 6);
        GeodeticPosition back = Ecef.ToGeodetic(e);
        Assert.Equal(Math.PI / 2, back.LatitudeRad, 15);
        Assert.Equal(100, back.HeightM, 8);
    }

    [Fact]
    public void Epsg_guidance_note_7_2_worked_example()
    {
        // IOGP Guidance Note 7-2, method 9602: 53°48'33.820"N 2°07'46.380"E h = 73 m (WGS84)
        // → X 3 771 793.968 m, Y 140 253.342 m, Z 5 124 304.349 m.
        var p = GeodeticPosition.FromDegrees(53 + (48 / 60.0) + (33.820 / 3600), 2 + (7 / 60.0) + (46.380 / 3600), 73.0);
        Vector3 e = Ecef.FromGeodetic(p);
        Assert.Equal(3_771_793.968, e.X, 3);
        Assert.Equal(140_253.342, e.Y, 3);
        Assert.Equal(5_124_304.349, e.Z, 3);
    }

    [Theory]
    [InlineData(91.0)]
    [InlineData(-90.000001)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void Out_of_range_latitude_is_refused_naming_the_value(double latitudeDeg)
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => GeodeticPosition.FromDegrees(latitudeDeg, 0, 0));
        Assert.Equal("latitudeDeg", ex.ParamName);
        Assert.Equal(latitudeDeg, ex.ActualValue);
        Assert.Contains(latitudeDeg.ToString(System.Globalization.CultureInfo.InvariantCulture), ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Non_finite_ecef_is_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Ecef.ToGeodetic(new Vector3(double.NaN, 0, 0)));
    }
}
