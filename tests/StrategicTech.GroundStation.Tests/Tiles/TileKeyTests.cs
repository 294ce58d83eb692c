using FsCheck;
using FsCheck.Xunit;
using StrategicTech.GroundStation.Tiles;

namespace StrategicTech.GroundStation.Tests.Tiles;

/// <summary>
/// Web-Mercator tile arithmetic (the OpenStreetMap "slippy map" formulas): a known tile, inverse round trips, the TMS
/// row flip of MBTiles, and the zoom chosen for a map scale. Tolerances are floating-point rounding on exact identities.
/// </summary>
public sealed class TileKeyTests
{
    [Fact]
    public void Zurich_at_zoom_17_is_in_the_tile_the_slippy_map_formulas_give()
    {
        // x = floor((8.5456 + 180) / 360 · 2^17) = 68 647; y = floor((1 − ln(tan φ + sec φ)/π)/2 · 2^17) = 45 888.
        Assert.Equal(68_647, (int)Math.Floor(TileKey.XOf(8.5456, 17)));
        Assert.Equal(45_888, (int)Math.Floor(TileKey.YOf(47.3977, 17)));
        Assert.Equal((1 << 17) - 1 - 45_888, new TileKey(17, 68_647, 45_888).TmsRow);
    }

    [Property(MaxTest = 300)]
    public void Tile_edges_invert_the_position_to_tile_maps(NormalFloat lonSeed, NormalFloat latSeed, PositiveInt zoomSeed)
    {
        double lon = Math.IEEERemainder(lonSeed.Get, 180);
        double lat = Math.IEEERemainder(latSeed.Get, 85);
        int zoom = zoomSeed.Get % 20;
        double x = TileKey.XOf(lon, zoom);
        double y = TileKey.YOf(lat, zoom);
        Assert.Equal(lon, TileKey.LonOf(0, zoom) + (x / (1 << zoom) * 360.0), 9);
        int row = (int)Math.Floor(y);
        Assert.True(TileKey.LatOf(row, zoom) >= lat - 1e-9 && TileKey.LatOf(row + 1, zoom) <= lat + 1e-9, $"lat {lat} outside row {row} at zoom {zoom}");
    }

    [Theory]
    [InlineData(1.0, 47.4, 17)] // 156 543·cos 47.4° / 2^17 = 0.81 m/px is the nearest level to 1 m/px
    [InlineData(100.0, 0.0, 11)] // 76.4 m/px at zoom 11 (log2 of 156 543 / 100 is 10.6)
    [InlineData(1e-6, 0.0, 22)]
    [InlineData(1e9, 0.0, 0)]
    public void The_zoom_for_a_scale_is_the_level_whose_resolution_is_nearest(double metresPerPixel, double latDeg, int zoom) =>
        Assert.Equal(zoom, TileKey.ZoomFor(metresPerPixel, latDeg));
}
