using FsCheck.Xunit;
using StrategicTech.Navigation.Geodesy;
using StrategicTech.Navigation.Numerics;

namespace StrategicTech.Navigation.Tests.Geodesy;

public class LocalNedFrameTests
{
    /// <summary>NED → geodetic → NED about origins anywhere on the globe (poles and antimeridian included); see
    /// <see cref="EcefTests.EcefResolutionM"/> for why metres are held to 6e-9 rather than 1e-9.</summary>
    [Property(Arbitrary = [typeof(GeodesyGenerators)], MaxTest = 2000)]
    public bool Ned_to_geodetic_and_back_is_exact(GeodeticPosition origin, NedOffset offset)
    {
        var frame = new LocalNedFrame(origin);
        var ned = new Vector3(offset.NorthM, offset.EastM, offset.DownM);
        Vector3 back = frame.ToNed(frame.FromNed(ned));
        return (back - ned).Length <= EcefTests.EcefResolutionM;
    }

    /// <summary>Geodetic → NED → geodetic for points near the origin.</summary>
    [Property(Arbitrary = [typeof(GeodesyGenerators)], MaxTest = 2000)]
    public bool Geodetic_to_ned_and_back_is_exact(GeodeticPosition origin, NedOffset offset)
    {
        var frame = new LocalNedFrame(origin);
        GeodeticPosition p = frame.FromNed(new Vector3(offset.NorthM, offset.EastM, offset.DownM));
        GeodeticPosition back = frame.FromNed(frame.ToNed(p));
        double latErr = Math.Abs(back.LatitudeRad - p.LatitudeRad);
        double lonErr = Math.Abs(Math.IEEERemainder(back.LongitudeRad - p.LongitudeRad, 2 * Math.PI)) * Math.Cos(p.LatitudeRad);
        return latErr <= 1e-12 && lonErr <= 1e-12 && Math.Abs(back.HeightM - p.HeightM) <= EcefTests.EcefResolutionM;
    }

    [Fact]
    public void A_point_due_north_has_positive_north_and_no_east()
    {
        var origin = GeodeticPosition.FromDegrees(47.0, 8.0, 500);
        var frame = new LocalNedFrame(origin);
        Vector3 ned = frame.ToNed(GeodeticPosition.FromDegrees(47.001, 8.0, 500));
        // One thousandth of a degree of latitude at 47°N is M·Δφ with M the meridional radius (≈ 111.2 m).
        Assert.InRange(ned.X, 111.1, 111.3);
        Assert.Equal(0, ned.Y, 9);
        Assert.InRange(ned.Z, 0.0, 0.01); // the ellipsoid curves away below the tangent plane
    }

    [Fact]
    public void Ned_and_enu_swap_axes()
    {
        var ned = new Vector3(1, 2, 3);
        Assert.Equal(new Vector3(2, 1, -3), LocalNedFrame.NedToEnu(ned));
        Assert.Equal(ned, LocalNedFrame.EnuToNed(LocalNedFrame.NedToEnu(ned)));
    }
}
