using FsCheck.Xunit;
using StrategicTech.Navigation.Geodesy;
using StrategicTech.Navigation.Numerics;
using StrategicTech.TestSupport;

namespace StrategicTech.Navigation.Tests.Geodesy;

// Tolerances in this class are either rounding epsilons on exact identities (round trips, 1e-9 m / 1e-12 rad: about
// one ulp of an Earth-sized coordinate) or half a unit in the last digit of the published reference value (the
// reference's own rounding, which no measurement can tighten).
public class GeodesicTests
{
    private const double Deg = Math.PI / 180;

    private static double Dms(double d, double m, double s) => Math.CopySign(Math.Abs(d) + (m / 60) + (s / 3600), d);

    /// <summary>Angle difference wrapped to (−180°, 180°], in degrees.</summary>
    private static double AngleErrorDeg(double expectedDeg, double actualRad) =>
        Math.Abs(Math.IEEERemainder((actualRad / Deg) - expectedDeg, 360));

    [Fact]
    public void Flinders_Peak_to_Buninyong_matches_the_published_solution()
    {
        // Geoscience Australia / Vincenty (1975) worked example: s = 54 972.271 m, α₁ = 306°52'05.37",
        // reverse azimuth 127°10'25.07" (so the final bearing is 307°10'25.07").
        var flinders = GeodeticPosition.FromDegrees(-Dms(37, 57, 3.72030), Dms(144, 25, 29.52440), 0);
        var buninyong = GeodeticPosition.FromDegrees(-Dms(37, 39, 10.15610), Dms(143, 55, 35.38390), 0);
        GeodesicInverse r = Geodesic.Inverse(flinders, buninyong);
        Assert.Equal(54_972.271, r.DistanceM, 3);
        Assert.True(AngleErrorDeg(Dms(306, 52, 5.37), r.InitialBearingRad) < 0.006 / 3600);
        Assert.True(AngleErrorDeg(Dms(307, 10, 25.07), r.FinalBearingRad) < 0.006 / 3600);

        GeodesicDirect d = Geodesic.Direct(flinders, r.InitialBearingRad, r.DistanceM);
        Assert.True((Ecef.FromGeodetic(d.Destination) - Ecef.FromGeodetic(buninyong)).Length < 1e-8);
    }

    // GeographicLib test set (Karney, geodtest.c "testcases"): lat1, lon1, azi1, lat2, lon2, azi2, s12.
    public static TheoryData<double, double, double, double, double, double, double> KarneyCases => new()
    {
        { 35.60777, -139.44815, 111.098748429560326, -11.17491, -69.95921, 129.289270889708762, 8935244.5604818305 },
        { 55.52454, 106.05087, 22.020059880982801, 77.03196, 197.18234, 109.112041110671519, 4105086.1713924406 },
        { -21.97856, 142.59065, -32.44456876433189, 41.84138, 98.56635, -41.84359951440466, 8394328.894657671 },
        { -66.99028, 112.2363, 173.73491240878403, -12.70631, 285.90344, 2.512956620913668, 11150344.2312080241 },
        { -17.42761, 173.34268, -159.033557661192928, -15.84784, 5.93557, -20.787484651536988, 16076603.1631180673 },
    };

    [Theory]
    [MemberData(nameof(KarneyCases))]
    public void Inverse_matches_the_GeographicLib_test_set(double lat1, double lon1, double azi1, double lat2, double lon2, double azi2, double s12)
    {
        GeodesicInverse r = Geodesic.InverseDeg(lat1, lon1, lat2, lon2);
        Assert.Equal(s12, r.DistanceM, 7);
        Assert.True(AngleErrorDeg(azi1, r.InitialBearingRad) < 1e-12, $"azi1 {r.InitialBearingRad / Deg} vs {azi1}");
        Assert.True(AngleErrorDeg(azi2, r.FinalBearingRad) < 1e-12, $"azi2 {r.FinalBearingRad / Deg} vs {azi2}");
    }

    [Theory]
    [MemberData(nameof(KarneyCases))]
    public void Direct_matches_the_GeographicLib_test_set(double lat1, double lon1, double azi1, double lat2, double lon2, double azi2, double s12)
    {
        GeodesicDirect d = Geodesic.Direct(GeodeticPosition.FromDegrees(lat1, lon1, 0), azi1 * Deg, s12);
        Assert.True(Math.Abs(d.Destination.LatitudeDeg - lat2) < 1e-12, $"lat2 {d.Destination.LatitudeDeg} vs {lat2}");
        Assert.True(AngleErrorDeg(lon2, d.Destination.LongitudeRad) < 1e-12, $"lon2 {d.Destination.LongitudeDeg} vs {lon2}");
        Assert.True(AngleErrorDeg(azi2, d.FinalBearingRad) < 1e-12, $"azi2 {d.FinalBearingRad / Deg} vs {azi2}");
    }

    // Nearly antipodal pairs from GeographicLib's regression set (GeodSolve6, 9, 10, 11), where Vincenty's
    // iteration does not converge: published distances to ±0.5 mm.
    [Theory]
    [InlineData(88.202499451857, -88.202499451857, 179.981022032992859592, 20003898.214)]
    [InlineData(89.262080389218, -89.262080389218, 179.992207982775375662, 20003925.854)]
    [InlineData(89.333123580033, -89.333123580032997687, 179.99295812360148422, 20003926.881)]
    [InlineData(56.320923501171, -56.320923501171, 179.664747671772880215, 19993558.287)]
    [InlineData(52.784459512564, -52.784459512563990912, 179.634407464943777557, 19991596.095)]
    [InlineData(48.522876735459, -48.52287673545898293, 179.599720456223079643, 19989144.774)]
    public void Nearly_antipodal_pairs_match_the_published_distances(double lat1, double lat2, double lon2, double s12)
    {
        GeodesicInverse r = Geodesic.InverseDeg(lat1, 0, lat2, lon2);
        Assert.True(Math.Abs(r.DistanceM - s12) <= 0.5e-3, $"s12 {r.DistanceM:F4} vs {s12}");
    }

    // GeodSolve33: equatorial and exactly antipodal cases (s12 to ±0.5 m, azimuths to ±0.5e-5°).
    [Theory]
    [InlineData(0, 179, 90.0, 90.0, 19926189)]
    [InlineData(0, 179.5, 55.96650, 124.03350, 19980862)]
    [InlineData(0, 180, 0.0, 180.0, 20003931)]
    [InlineData(1, 180, 0.0, 180.0, 19893357)]
    public void Equatorial_and_antipodal_cases_match_GeographicLib(double lat2, double lon2, double azi1, double azi2, double s12)
    {
        GeodesicInverse r = Geodesic.InverseDeg(0, 0, lat2, lon2);
        Assert.True(Math.Abs(r.DistanceM - s12) <= 0.5, $"s12 {r.DistanceM:F3} vs {s12}");
        Assert.True(AngleErrorDeg(azi1, r.InitialBearingRad) <= 0.5e-5, $"azi1 {r.InitialBearingRad / Deg}");
        Assert.True(AngleErrorDeg(azi2, r.FinalBearingRad) <= 0.5e-5, $"azi2 {r.FinalBearingRad / Deg}");
    }

    [Fact]
    public void New_York_to_Paris_matches_GeodSolve0_and_GeodSolve1()
    {
        GeodesicInverse r = Geodesic.InverseDeg(40.6, -73.8, 49.01666667, 2.55);
        Assert.True(Math.Abs(r.DistanceM - 5853226) <= 0.5);
        Assert.True(AngleErrorDeg(53.47022, r.InitialBearingRad) <= 0.5e-5);
        Assert.True(AngleErrorDeg(111.59367, r.FinalBearingRad) <= 0.5e-5);

        GeodesicDirect d = Geodesic.Direct(GeodeticPosition.FromDegrees(40.63972222, -73.77888889, 0), 53.5 * Deg, 5850e3);
        Assert.True(Math.Abs(d.Destination.LatitudeDeg - 49.01467) <= 0.5e-5);
        Assert.True(Math.Abs(d.Destination.LongitudeDeg - 2.56106) <= 0.5e-5);
        Assert.True(AngleErrorDeg(111.62947, d.FinalBearingRad) <= 0.5e-5);
    }

    [Fact]
    public void Points_with_longitudes_nearly_180_degrees_apart_match_GeodSolve59()
    {
        GeodesicInverse r = Geodesic.InverseDeg(5, 0.00000000000001, 10, 180);
        Assert.True(Math.Abs(r.DistanceM - 18345191.174332713) <= 2.5e-9, $"s12 {r.DistanceM:R}");
        Assert.True(AngleErrorDeg(0.000000000000035, r.InitialBearingRad) <= 1.5e-14);
        Assert.True(AngleErrorDeg(179.99999999999996, r.FinalBearingRad) <= 1.5e-14);
    }

    [Fact]
    public void Meridian_quadrant_and_pole_to_pole_match_the_WGS84_values()
    {
        // Quarter meridian of WGS84 (equator → pole): 10 001 965.729 m; pole to pole is twice that.
        GeodesicInverse quadrant = Geodesic.InverseDeg(0, 17, 90, 17);
        Assert.Equal(10_001_965.729, quadrant.DistanceM, 3);
        Assert.True(AngleErrorDeg(0, quadrant.InitialBearingRad) < 1e-12);
        GeodesicInverse poles = Geodesic.InverseDeg(90, 0, -90, 0);
        Assert.Equal(2 * 10_001_965.729, poles.DistanceM, 2);
        Assert.Equal(Math.PI, poles.ArcRad, 12);
    }

    [Fact]
    public void Identical_points_are_zero_apart()
    {
        var p = GeodeticPosition.FromDegrees(12.5, -7.25, 0);
        Assert.Equal(0.0, Geodesic.DistanceM(p, p));
    }

    /// <summary>Direct(Inverse(p1, p2)) lands on p2 anywhere on the globe.</summary>
    [Property(Arbitrary = [typeof(GeodesyGenerators)], MaxTest = 1000)]
    public bool Direct_inverts_inverse(GeodeticPosition p1, GeodeticPosition p2)
    {
        var a = new GeodeticPosition(p1.LatitudeRad, p1.LongitudeRad, 0);
        var b = new GeodeticPosition(p2.LatitudeRad, p2.LongitudeRad, 0);
        GeodesicInverse r = Geodesic.Inverse(a, b);
        GeodesicDirect d = Geodesic.Direct(a, r.InitialBearingRad, r.DistanceM);
        return (Ecef.FromGeodetic(d.Destination) - Ecef.FromGeodetic(b)).Length < 1e-6
            && r.DistanceM <= 20_003_931.4587; // half a meridian: no geodesic is longer
    }

    [Fact]
    public void Inverse_and_direct_allocate_nothing()
    {
        var a = GeodeticPosition.FromDegrees(-37.95, 144.42, 0);
        var b = GeodeticPosition.FromDegrees(37.6, -35.9, 0); // nearly antipodal: exercises the Newton path
        double sink = 0;
        Allocations.AssertZero(() =>
        {
            sink += Geodesic.Inverse(a, b).DistanceM;
            sink += Geodesic.Direct(a, 1.0, 1e6).Destination.LatitudeRad;
        }, 1000);
        Assert.True(sink > 0);
    }

    [Fact]
    public void Out_of_range_latitude_is_refused_naming_the_value()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => Geodesic.InverseDeg(95, 0, 0, 0));
        Assert.Equal(95.0, ex.ActualValue);
        Assert.Contains("95", ex.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => Geodesic.InverseDeg(0, double.NaN, 0, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => Geodesic.Direct(GeodeticPosition.FromDegrees(0, 0, 0), double.NaN, 1));
        _ = Vector3.Zero;
    }
}
