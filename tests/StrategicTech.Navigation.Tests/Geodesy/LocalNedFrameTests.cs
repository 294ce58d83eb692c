using FsCheck.Xunit;
using StrategicTech.Navigation.Geodesy;
using StrategicTech.Navigation.Numerics;

namespace StrategicTech.Navigation.Tests.Geodesy;

// Round-trip tolerances in this class are rounding epsilons on exact identities (EcefTests.ToleranceM / ToleranceRad,
// or the representation limit computed beside them); the one approximate figure carries its measured value.
public class LocalNedFrameTests
{
    /// <summary>
    /// NED → geodetic → NED about origins anywhere on the globe (poles and antimeridian included). The frame never
    /// rounds the ECEF leg, so what is left is the rounding of the intermediate <see cref="GeodeticPosition"/> itself:
    /// half an ulp of a longitude near ±π is 2.2e-16 rad, 1.4e-9 m at the equator, which no conversion can beat. The
    /// error must be within 1e-9 m of that representation limit (<see cref="RepresentationLimitM"/>, at most 1.6e-9 m).
    /// </summary>
    [Property(Arbitrary = [typeof(GeodesyGenerators)], MaxTest = 20_000)]
    public bool Ned_to_geodetic_and_back_is_exact(GeodeticPosition origin, NedOffset offset) =>
        NedRoundTripErrorM(origin, offset, out double limitM) <= limitM + EcefTests.ToleranceM;

    /// <summary>Geodetic → NED → geodetic for points near the origin: 1e-12 rad and 1e-9 m.</summary>
    [Property(Arbitrary = [typeof(GeodesyGenerators)], MaxTest = 20_000)]
    public bool Geodetic_to_ned_and_back_is_exact(GeodeticPosition origin, NedOffset offset) =>
        GeodeticRoundTripWithinTolerance(origin, offset);

    [Theory]
    [InlineData(90.0, 0.0, 0.0, 20_000.0, -20_000.0, 5_000.0)]
    [InlineData(-90.0, 180.0, -500.0, -20_000.0, 20_000.0, -5_000.0)]
    [InlineData(0.0, 180.0, 50_000.0, 0.0, 20_000.0, 0.0)]
    [InlineData(0.0, -180.0, 0.0, 0.0, -20_000.0, 0.0)]
    [InlineData(89.9999, 179.9999, 100.0, 15_000.0, 15_000.0, -4_999.0)]
    [InlineData(47.397742, 8.545594, 488.0, 120.5, -340.25, -35.0)]
    public void Round_trips_are_exact_at_edge_cases(double latDeg, double lonDeg, double heightM, double northM, double eastM, double downM)
    {
        var origin = GeodeticPosition.FromDegrees(latDeg, lonDeg, heightM);
        var offset = new NedOffset(northM, eastM, downM);
        Assert.True(GeodeticRoundTripWithinTolerance(origin, offset));
        double errorM = NedRoundTripErrorM(origin, offset, out double limitM);
        Assert.True(errorM <= limitM + EcefTests.ToleranceM, $"NED round trip {errorM:E3} m, representation limit {limitM:E3} m");
    }

    /// <summary>|ToNed(FromNed(ned)) − ned| (m) and the distance the intermediate geodetic position's rounding can account for.</summary>
    internal static double NedRoundTripErrorM(GeodeticPosition origin, NedOffset offset, out double representationLimitM)
    {
        var frame = new LocalNedFrame(origin);
        var ned = new Vector3(offset.NorthM, offset.EastM, offset.DownM);
        GeodeticPosition p = frame.FromNed(ned);
        representationLimitM = RepresentationLimitM(p);
        return (frame.ToNed(p) - ned).Length;
    }

    /// <summary>Half-ulp roundings of latitude, longitude and height as distances (meridional and parallel radii).</summary>
    internal static double RepresentationLimitM(GeodeticPosition p)
    {
        double s = Math.Sin(p.LatitudeRad);
        double w = 1 - (Wgs84.EccentricitySquared * s * s);
        double n = Wgs84.SemiMajorAxisM / Math.Sqrt(w);
        double m = n * (1 - Wgs84.EccentricitySquared) / w;
        double north = HalfUlp(p.LatitudeRad) * (m + p.HeightM);
        double east = HalfUlp(p.LongitudeRad) * (n + p.HeightM) * Math.Abs(Math.Cos(p.LatitudeRad));
        double down = HalfUlp(p.HeightM);
        return Math.Sqrt((north * north) + (east * east) + (down * down));
    }

    internal static bool GeodeticRoundTripWithinTolerance(GeodeticPosition origin, NedOffset offset)
    {
        var frame = new LocalNedFrame(origin);
        GeodeticPosition p = frame.FromNed(new Vector3(offset.NorthM, offset.EastM, offset.DownM));
        GeodeticPosition back = frame.FromNed(frame.ToNed(p));
        double latErr = Math.Abs(back.LatitudeRad - p.LatitudeRad);
        double lonErr = Math.Abs(Math.IEEERemainder(back.LongitudeRad - p.LongitudeRad, 2 * Math.PI)) * Math.Cos(p.LatitudeRad);
        double hErr = Math.Abs(back.HeightM - p.HeightM);
        return latErr <= EcefTests.ToleranceRad && lonErr <= EcefTests.ToleranceRad && hErr <= EcefTests.ToleranceM;
    }

    private static double HalfUlp(double x) => 0.5 * (Math.BitIncrement(Math.Abs(x)) - Math.Abs(x));

    [Fact]
    public void A_point_due_north_has_positive_north_and_no_east()
    {
        var origin = GeodeticPosition.FromDegrees(47.0, 8.0, 500);
        var frame = new LocalNedFrame(origin);
        Vector3 ned = frame.ToNed(GeodeticPosition.FromDegrees(47.001, 8.0, 500));
        // One thousandth of a degree of latitude at 47°N is M·Δφ with M the meridional radius (≈ 111.2 m).
        Assert.Equal(111.180, ned.X, 3); // measured 111.17958 m; to the millimetre
        Assert.Equal(0, ned.Y, 9);
        // The ellipsoid curves away below the tangent plane by ≈ d²/2R = 0.97 mm: measured 0.970 mm; bound ÷/× 1.5.
        Assert.InRange(ned.Z, 0.00065, 0.00146);
    }

    [Fact]
    public void Ned_and_enu_swap_axes()
    {
        var ned = new Vector3(1, 2, 3);
        Assert.Equal(new Vector3(2, 1, -3), LocalNedFrame.NedToEnu(ned));
        Assert.Equal(ned, LocalNedFrame.EnuToNed(LocalNedFrame.NedToEnu(ned)));
    }
}
