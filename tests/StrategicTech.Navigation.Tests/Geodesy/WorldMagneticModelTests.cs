using StrategicTech.Navigation.Geodesy;
using StrategicTech.Navigation.Geodesy.Magnetism;
using StrategicTech.TestSupport;
using Xunit.Abstractions;

namespace StrategicTech.Navigation.Tests.Geodesy;

public sealed class WorldMagneticModelTests(ITestOutputHelper output)
{
    private const double DegPerRad = 180 / Math.PI;

    /// <summary>
    /// NOAA NCEI's published WMM2025 test values (WMM2025 report / WMM2025_TEST_VALUES.txt): decimal year, height above
    /// the WGS84 ellipsoid (km), geodetic latitude, longitude (deg), X, Y, Z (nT), I, D (deg). Published to 0.1 nT and
    /// 0.01 deg.
    /// </summary>
    public static TheoryData<double, double, double, double, double, double, double, double, double> NoaaTestValues => new()
    {
        { 2025.0, 0, 80, 0, 6521.6, 145.9, 54791.5, 83.21, 1.28 },
        { 2025.0, 0, 0, 120, 39677.8, -109.6, -10580.2, -14.93, -0.16 },
        { 2025.0, 0, -80, 240, 6117.5, 15751.9, -52022.5, -72.00, 68.78 },
        { 2025.0, 100, 80, 0, 6216.0, 92.4, 52598.8, 83.26, 0.85 },
        { 2025.0, 100, 0, 120, 37688.6, -96.2, -10152.1, -15.08, -0.15 },
        { 2025.0, 100, -80, 240, 5907.6, 14780.3, -49540.7, -72.19, 68.21 },
        { 2027.5, 0, 80, 0, 6500.8, 294.5, 54869.4, 83.24, 2.59 },
        { 2027.5, 0, 0, 120, 39701.6, -167.4, -10381.8, -14.65, -0.24 },
        { 2027.5, 0, -80, 240, 6200.7, 15730.3, -51783.7, -71.92, 68.49 },
        { 2027.5, 100, 80, 0, 6196.7, 233.8, 52670.5, 83.29, 2.16 },
        { 2027.5, 100, 0, 120, 37711.5, -148.7, -9969.8, -14.81, -0.23 },
        { 2027.5, 100, -80, 240, 5984.0, 14760.1, -49317.7, -72.10, 67.93 },
    };

    [Theory]
    [MemberData(nameof(NoaaTestValues))]
    public void Wmm2025_matches_noaa_test_value_components_within_0_06_nT_and_angles_within_0_006_deg(
        double year, double heightKm, double latDeg, double lonDeg, double x, double y, double z, double inclinationDeg, double declinationDeg)
    {
        GeomagneticField f = Wmm2025.Model.Evaluate(GeodeticPosition.FromDegrees(latDeg, lonDeg, heightKm * 1000), year);
        output.WriteLine($"dX {f.NorthNt - x:F3} dY {f.EastNt - y:F3} dZ {f.DownNt - z:F3} nT, dI {(f.InclinationRad * DegPerRad) - inclinationDeg:F4} dD {(f.DeclinationRad * DegPerRad) - declinationDeg:F4} deg");
        // Published values are rounded to 0.1 nT and 0.01 deg: an exact synthesis is within half of that.
        Assert.InRange(f.NorthNt - x, -0.06, 0.06); // rounding bound 0.05 nT
        Assert.InRange(f.EastNt - y, -0.06, 0.06);
        Assert.InRange(f.DownNt - z, -0.06, 0.06);
        Assert.InRange((f.InclinationRad * DegPerRad) - inclinationDeg, -0.006, 0.006); // rounding bound 0.005 deg
        Assert.InRange((f.DeclinationRad * DegPerRad) - declinationDeg, -0.006, 0.006);
    }

    [Fact]
    public void Wmm2025_total_intensity_matches_the_published_f_values_within_0_06_nT()
    {
        // F column of the same table for the rows that list it.
        (double Year, double HeightKm, double Lat, double Lon, double F)[] rows =
        [
            (2025.0, 0, 80, 0, 55178.5), (2025.0, 0, 0, 120, 41064.3), (2025.0, 0, -80, 240, 54698.2),
            (2025.0, 100, 80, 0, 52964.9), (2027.5, 0, 80, 0, 55253.9), (2027.5, 100, 0, 120, 39007.4),
        ];
        foreach ((double year, double h, double lat, double lon, double total) in rows)
        {
            double f = Wmm2025.Model.Evaluate(GeodeticPosition.FromDegrees(lat, lon, h * 1000), year).TotalNt;
            Assert.InRange(f - total, -0.06, 0.06);
        }
    }

    [Fact]
    public void Wmm2025_states_its_epoch_and_refuses_years_outside_2025_to_2030()
    {
        WorldMagneticModel model = Wmm2025.Model;
        Assert.Equal("WMM-2025", model.Name);
        Assert.Equal(2025.0, model.EpochYear);
        Assert.Equal(12, model.MaxDegree);
        Assert.True(model.IsValidFor(2029.99));
        var zurich = GeodeticPosition.FromDegrees(47.4, 8.5, 500);
        ArgumentOutOfRangeException before = Assert.Throws<ArgumentOutOfRangeException>(() => model.Evaluate(zurich, 2024.9));
        Assert.Contains("2025.0 to 2030.0", before.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => model.Evaluate(zurich, 2030.0));
    }

    [Fact]
    public void Decimal_year_counts_the_fraction_of_the_calendar_year()
    {
        Assert.Equal(2025.0, WorldMagneticModel.DecimalYear(new DateTime(2025, 1, 1, 0, 0, 0, DateTimeKind.Utc)));
        Assert.Equal(2028.5, WorldMagneticModel.DecimalYear(new DateTime(2028, 7, 2, 0, 0, 0, DateTimeKind.Utc)), 12); // 2028 is a leap year: day 183 of 366
    }

    [Fact]
    public void Evaluating_the_field_allocates_nothing()
    {
        var p = GeodeticPosition.FromDegrees(47.4, 8.5, 500);
        Allocations.AssertZero(() => Wmm2025.Model.Evaluate(p, 2026.9));
    }
}
