using StrategicTech.GroundStation.Model;
using StrategicTech.GroundStation.Replay;
using StrategicTech.GroundStation.Tests.Headless;

namespace StrategicTech.GroundStation.Tests.Replay;

/// <summary>The plot's series come from the same decoder as the fly view, so at any moment they hold the same values.</summary>
public sealed class ReplaySeriesTests
{
    [Theory]
    [InlineData(8.05)]
    [InlineData(17.31)]
    [InlineData(31.77)]
    public void Plotted_altitude_roll_and_battery_at_a_moment_equal_what_the_fly_view_holds_there(double seconds)
    {
        var fleet = new Fleet();
        TlogReplay replay = TlogReplay.Open(SitlTlog.Path, fleet);
        ReplaySeries series = ReplaySeries.Decode(replay);
        replay.PlayTo(seconds);
        VehicleState v = fleet.Selected!;

        FieldSeries altitude = series.Of(v.SystemId, PlotField.AltitudeAboveHomeM)!;
        Assert.Equal(v.HeightAboveHomeM, altitude.Value(altitude.IndexAtOrBefore(seconds)), 9);
        FieldSeries roll = series.Of(v.SystemId, PlotField.RollDeg)!;
        Assert.Equal(v.RollRad * (180 / Math.PI), roll.Value(roll.IndexAtOrBefore(seconds)), 9);
        FieldSeries battery = series.Of(v.SystemId, PlotField.BatteryV)!;
        Assert.Equal(v.BatteryVoltageV, battery.Value(battery.IndexAtOrBefore(seconds)), 9);
    }

    [Fact]
    public void Altitude_series_of_the_takeoff_log_spans_the_ground_to_the_10_m_hover()
    {
        var fleet = new Fleet();
        TlogReplay replay = TlogReplay.Open(SitlTlog.Path, fleet);
        ReplaySeries series = ReplaySeries.Decode(replay);
        byte systemId = Assert.Single(series.Systems);
        FieldSeries altitude = series.Of(systemId, PlotField.AltitudeAboveHomeM)!;

        // On the ground before arming (|h| < 0.5 m), hovering at the 10 m takeoff altitude at the end.
        Assert.InRange(altitude.MinValue, -0.5, 0.5);
        Assert.InRange(altitude.MaxValue, 9.5, 11);
        Assert.InRange(altitude.Value(altitude.Count - 1), 9.5, 10.5);
        for (int i = 1; i < altitude.Count; i++)
        {
            Assert.True(altitude.TimeS(i) >= altitude.TimeS(i - 1), $"time goes back at {i}");
        }
    }

    [Fact]
    public void Index_at_or_before_finds_the_last_point_not_after_the_time()
    {
        var s = new FieldSeries();
        s.Add(1, 10);
        s.Add(2, double.NaN);
        s.Add(3, 30);
        s.Add(4, 40);
        Assert.Equal(3, s.Count);
        Assert.Equal(-1, s.IndexAtOrBefore(0.5));
        Assert.Equal(0, s.IndexAtOrBefore(2.9));
        Assert.Equal(1, s.IndexAtOrBefore(3));
        Assert.Equal(2, s.IndexAtOrBefore(99));
        Assert.Equal((10.0, 40.0), (s.MinValue, s.MaxValue));
    }
}
