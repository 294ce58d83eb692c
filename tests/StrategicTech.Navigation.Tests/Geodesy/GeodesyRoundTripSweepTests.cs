using StrategicTech.Navigation.Geodesy;
using StrategicTech.Navigation.Numerics;
using Xunit.Abstractions;

namespace StrategicTech.Navigation.Tests.Geodesy;

/// <summary>
/// A fixed, seeded sweep of 200 000 positions plus an edge grid (poles, equator, antimeridian, heights −10 km to
/// +100 km) that reports the worst round-trip errors, so the margin under the tolerance is visible, not only pass/fail.
/// </summary>
// Tolerances in this class are rounding epsilons on exact identities (EcefTests.ToleranceM / ToleranceRad: about one
// ulp of an Earth-sized coordinate); the worst errors found are written to the test output.
public class GeodesyRoundTripSweepTests(ITestOutputHelper output)
{
    private const int RandomCount = 200_000;

    [Fact]
    public void Worst_geodetic_ecef_round_trip_error_over_the_sweep_is_below_tolerance()
    {
        double worstH = 0, worstLat = 0, worstLon = 0;
        foreach (GeodeticPosition p in Positions())
        {
            GeodeticPosition back = Ecef.ToGeodetic(Ecef.FromGeodetic(p));
            worstH = Math.Max(worstH, Math.Abs(back.HeightM - p.HeightM));
            worstLat = Math.Max(worstLat, Math.Abs(back.LatitudeRad - p.LatitudeRad));
            worstLon = Math.Max(worstLon, Math.Abs(Math.IEEERemainder(back.LongitudeRad - p.LongitudeRad, 2 * Math.PI)));
        }

        output.WriteLine($"geodetic→ECEF→geodetic worst: height {worstH:E3} m, latitude {worstLat:E3} rad, longitude {worstLon:E3} rad");
        Assert.InRange(worstH, 0, EcefTests.ToleranceM);
        Assert.InRange(worstLat, 0, EcefTests.ToleranceRad);
        Assert.InRange(worstLon, 0, EcefTests.ToleranceRad);
    }

    [Fact]
    public void Worst_ned_round_trip_errors_over_the_sweep_are_below_tolerance()
    {
        var random = new Random(20261122);
        double worstNed = 0, worstExcess = double.NegativeInfinity;
        int overOneNanometre = 0, count = 0;
        foreach (GeodeticPosition origin in Positions())
        {
            var offset = new NedOffset(Uniform(random, 20_000), Uniform(random, 20_000), Uniform(random, 5_000));
            Assert.True(LocalNedFrameTests.GeodeticRoundTripWithinTolerance(origin, offset), $"geodetic→NED→geodetic at {origin} + {offset}");
            double errorM = LocalNedFrameTests.NedRoundTripErrorM(origin, offset, out double limitM);
            worstNed = Math.Max(worstNed, errorM);
            worstExcess = Math.Max(worstExcess, errorM - limitM);
            overOneNanometre += errorM > EcefTests.ToleranceM ? 1 : 0;
            count++;
        }

        output.WriteLine($"NED→geodetic→NED worst {worstNed:E3} m; worst excess over the geodetic rounding limit {worstExcess:E3} m; "
            + $"{overOneNanometre} of {count} above 1e-9 m");
        Assert.InRange(worstExcess, double.NegativeInfinity, EcefTests.ToleranceM);
    }

    private static double Uniform(Random random, double halfRange) => ((2 * random.NextDouble()) - 1) * halfRange;

    private static IEnumerable<GeodeticPosition> Positions()
    {
        double[] latitudesDeg = [-90, -89.999999999, -89, -60, -45, -1e-9, 0, 1e-9, 30, 45, 60, 89, 89.999999999, 90];
        double[] longitudesDeg = [-180, -179.999999999, -135, -90, -1e-9, 0, 1e-9, 90, 135, 179.999999999, 180];
        double[] heightsM = [-10_000, -500, 0, 0.001, 1_000, 50_000, 100_000];
        foreach (double lat in latitudesDeg)
        {
            foreach (double lon in longitudesDeg)
            {
                foreach (double h in heightsM)
                {
                    yield return GeodeticPosition.FromDegrees(lat, lon, h);
                }
            }
        }

        var random = new Random(12345);
        for (int i = 0; i < RandomCount; i++)
        {
            double lat = Math.Asin(Uniform(random, 1)); // uniform over the sphere's area
            yield return new GeodeticPosition(lat, Uniform(random, Math.PI), -10_000 + (random.NextDouble() * 110_000));
        }
    }
}
