using SkiaSharp;
using StrategicTech.GroundStation.App;
using StrategicTech.GroundStation.Model;
using StrategicTech.GroundStation.Rendering;

namespace StrategicTech.GroundStation.Tests.App;

/// <summary>The view tabs stay clear of the HUD and the vehicle list at 1024x768, and keep their place at 1280x720.</summary>
public sealed class TabLayoutTests
{
    private static List<SKRect> Tabs(float width, float height)
    {
        var ui = new FlyViewController(new Fleet(), sender: null);
        ui.Update(1_000_000, width, height);
        return [.. ui.Buttons.Where(b => TabBar.ViewOf(b.Action) is not null).Select(b => b.Rect)];
    }

    [Theory]
    [InlineData(1024, 768)]
    [InlineData(1280, 720)]
    [InlineData(1920, 1080)]
    public void Tab_bar_does_not_intersect_the_hud_or_the_vehicle_list(int width, int height)
    {
        List<SKRect> tabs = Tabs(width, height);
        Assert.Equal(4, tabs.Count);
        SKRect hud = HudLayout.Rect(width);
        SKRect vehicles = FlyViewLayout.VehicleList(10);
        foreach (SKRect tab in tabs)
        {
            Assert.False(tab.IntersectsWith(hud), $"tab {tab} overlaps the HUD {hud} at {width}x{height}");
            Assert.False(tab.IntersectsWith(vehicles), $"tab {tab} overlaps the vehicle list {vehicles} at {width}x{height}");
            Assert.True(tab.Width >= TabBar.MinTabWidth, $"tab {tab} narrower than {TabBar.MinTabWidth} px");
        }

        for (int i = 1; i < tabs.Count; i++)
        {
            Assert.False(tabs[i].IntersectsWith(tabs[i - 1]), $"tabs {i - 1} and {i} overlap");
        }
    }

    [Fact]
    public void At_1280_px_the_tabs_stay_centred_where_the_golden_image_has_them()
    {
        List<SKRect> tabs = Tabs(1280, 720);
        Assert.Equal(new SKRect(442, 8, 538, 36), tabs[0]);
        Assert.Equal(new SKRect(742, 8, 838, 36), tabs[3]);
    }
}
