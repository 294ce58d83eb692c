using FsCheck;
using FsCheck.Fluent;
using StrategicTech.Navigation.Geodesy;

namespace StrategicTech.Navigation.Tests.Geodesy;

/// <summary>
/// Positions over the whole globe, with the edge cases weighted in: exact poles, the equator, the antimeridian
/// (±π), the prime meridian, and heights from −10 km to +100 km.
/// </summary>
public static class GeodesyGenerators
{
    private static Gen<double> Latitude() => Gen.Frequency(
        (6, Gen.Choose(-1_000_000_000, 1_000_000_000).Select(i => i * 1e-9 * (Math.PI / 2))),
        (1, Gen.Elements(Math.PI / 2, -Math.PI / 2, 0.0, Math.PI / 2 - 1e-9, -Math.PI / 2 + 1e-12)));

    private static Gen<double> Longitude() => Gen.Frequency(
        (6, Gen.Choose(-1_000_000_000, 1_000_000_000).Select(i => i * 1e-9 * Math.PI)),
        (1, Gen.Elements(Math.PI, -Math.PI, 0.0, Math.PI - 1e-12, -Math.PI + 1e-12)));

    private static Gen<double> Height() => Gen.Frequency(
        (6, Gen.Choose(-10_000_000, 100_000_000).Select(mm => mm * 1e-3)),
        (1, Gen.Elements(-10_000.0, 0.0, 100_000.0)));

    public static Gen<GeodeticPosition> Position() =>
        from lat in Latitude()
        from lon in Longitude()
        from h in Height()
        select new GeodeticPosition(lat, lon, h);

    public static Arbitrary<GeodeticPosition> Positions() => Position().ToArbitrary();

    /// <summary>A local offset of up to ±20 km horizontally and ±5 km vertically, the range a vehicle uses a NED frame for.</summary>
    public static Arbitrary<NedOffset> Offsets() =>
        (from n in Gen.Choose(-20_000_000, 20_000_000)
         from e in Gen.Choose(-20_000_000, 20_000_000)
         from d in Gen.Choose(-5_000_000, 5_000_000)
         select new NedOffset(n * 1e-3, e * 1e-3, d * 1e-3)).ToArbitrary();
}

public readonly record struct NedOffset(double NorthM, double EastM, double DownM);
