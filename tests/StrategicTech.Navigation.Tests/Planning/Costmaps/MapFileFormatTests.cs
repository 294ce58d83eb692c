using System.Text;
using StrategicTech.Navigation.Planning;
using StrategicTech.Navigation.Planning.Costmaps;

namespace StrategicTech.Navigation.Tests.Planning.Costmaps;

public class MapFileFormatTests
{
    private const string GoodYaml = "image: m.pgm\nresolution: 0.05\norigin: [1.5, -2.0, 0.0]\nnegate: 0\noccupied_thresh: 0.65\nfree_thresh: 0.196\n";

    [Theory]
    [InlineData("image: m.pgm\nresolution: abc\norigin: [0, 0, 0]\n", "map.yaml: resolution: expected a positive number, got 'abc'")]
    [InlineData("image: m.pgm\nresolution: -1\norigin: [0, 0, 0]\n", "map.yaml: resolution: expected a positive number, got '-1'")]
    [InlineData("resolution: 0.05\norigin: [0, 0, 0]\n", "map.yaml: image: required key is missing")]
    [InlineData("image: m.pgm\nresolution: 0.05\n", "map.yaml: origin: required key is missing")]
    [InlineData("image: m.pgm\nresolution: 0.05\norigin: [0, 0]\n", "map.yaml: origin: expected 3 numbers")]
    [InlineData("image: m.pgm\nresolution: 0.05\norigin: [0, x, 0]\n", "map.yaml: origin: expected a number, got 'x'")]
    [InlineData("image: m.pgm\nresolution: 0.05\norigin: [0, 0, 0]\nmode: fuzzy\n", "map.yaml:4: mode: expected trinary, scale or raw, got 'fuzzy'")]
    [InlineData("image: m.pgm\nresolution: 0.05\norigin: [0, 0, 0]\nnegate: 2\n", "map.yaml: negate: expected 0 or 1, got '2'")]
    [InlineData("image: m.pgm\nresolution: 0.05\norigin: [0, 0, 0]\nfree_thresh: 1.5\n", "map.yaml: free_thresh: expected a number in [0, 1], got '1.5'")]
    [InlineData("image: m.pgm\nresolution: 0.05\norigin: [0, 0, 0]\nfree_thresh: 0.9\n", "map.yaml:4: free_thresh: 0.9 is above occupied_thresh 0.65")]
    [InlineData("image m.pgm\n", "map.yaml:1: expected 'key: value'")]
    public void Malformed_yaml_names_file_and_field(string text, string expected)
    {
        var e = Assert.Throws<MapFormatException>(() => MapYaml.Parse(text, "/maps/map.yaml"));
        Assert.StartsWith(expected, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Yaml_defaults_follow_map_server_when_keys_are_missing()
    {
        MapYaml yaml = MapYaml.Parse("image: \"m.pgm\"  # comment\nresolution: 0.1\norigin: [ 1, 2, 0.5 ]\n", "/maps/map.yaml");
        Assert.Equal(Path.Combine("/maps", "m.pgm"), yaml.ImagePath);
        Assert.Equal((1.0, 2.0, 0.5), (yaml.OriginXM, yaml.OriginYM, yaml.OriginYawRad));
        Assert.False(yaml.Negate);
        Assert.Equal(MapMode.Trinary, yaml.Mode);
        Assert.Equal(0.65, yaml.OccupiedThreshold);
        Assert.Equal(0.25, yaml.FreeThreshold);
    }

    [Fact]
    public void Ascii_p2_and_16_bit_p5_images_parse_and_classify()
    {
        MapYaml yaml = MapYaml.Parse(GoodYaml, "/m/map.yaml");
        PgmImage ascii = PgmImage.Parse(Encoding.ASCII.GetBytes("P2\n# c\n3 2\n255\n0 205 255\n254 100 0\n"), "m.pgm");
        Assert.Equal((3, 2, 255), (ascii.Width, ascii.Height, ascii.MaxValue));
        OccupancyGridMap map = MapServerLoader.FromImage(yaml, ascii);
        // Top image row (0 205 255) is y = 1.
        Assert.Equal(new sbyte[] { 0, -1, 100, 100, -1, 0 }, map.Data.ToArray());

        byte[] wide = [.. Encoding.ASCII.GetBytes("P5 2 1 65535\n"), 0xFF, 0xFF, 0x00, 0x00];
        PgmImage image16 = PgmImage.Parse(wide, "w.pgm");
        Assert.Equal(65535, image16[0, 0]);
        Assert.Equal(new sbyte[] { 0, 100 }, MapServerLoader.FromImage(yaml, image16).Data.ToArray());
    }

    [Fact]
    public void Negate_scale_and_raw_modes()
    {
        MapYaml trinary = MapYaml.Parse(GoodYaml, "/m/map.yaml");
        MapYaml negated = trinary with { Negate = true };
        Assert.Equal(OccupancyGridMap.Occupied, MapServerLoader.Interpret(1.0, negated));
        Assert.Equal(OccupancyGridMap.Free, MapServerLoader.Interpret(0.0, negated));
        MapYaml scale = trinary with { Mode = MapMode.Scale, FreeThreshold = 0.25 };
        // p = 0.45 lies 0.2/0.4 of the way from free to occupied → 50.
        Assert.Equal(50, MapServerLoader.Interpret(0.55, scale));
        Assert.Equal(OccupancyGridMap.Occupied, MapServerLoader.Interpret(0.30, scale));
        MapYaml raw = trinary with { Mode = MapMode.Raw };
        Assert.Equal(37, MapServerLoader.Interpret(37 / 255.0, raw));
        Assert.Equal(OccupancyGridMap.Unknown, MapServerLoader.Interpret(101 / 255.0, raw));
        Costmap2D scaled = new OccupancyGridMap(2, 1, trinary, [50, 100]).ToCostmap(trinaryCostmap: false);
        Assert.Equal(127, scaled[0, 0]);
        Assert.Equal(CostValues.Lethal, scaled[1, 0]);
    }

    [Theory]
    [InlineData("P6 1 1 255\n\0", "m.pgm: magic:")]
    [InlineData("P5 2 2 255\n\0\0", "m.pgm: raster: expected 4 bytes")]
    [InlineData("P5 x 2 255\n", "m.pgm: width: expected a decimal number, got 'x'")]
    [InlineData("P2 1 1 100\n200\n", "m.pgm: pixel: sample 0 is 200, above maxval 100")]
    [InlineData("P5 1 1 70000\n\0", "m.pgm: maxval: expected 1..65535")]
    public void Malformed_pgm_names_file_and_field(string text, string expected)
    {
        var e = Assert.Throws<MapFormatException>(() => PgmImage.Parse(Encoding.Latin1.GetBytes(text), "/x/m.pgm"));
        Assert.StartsWith(expected, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_image_file_is_named()
    {
        string dir = Path.Combine(Path.GetTempPath(), "st-grid-" + Environment.ProcessId);
        Directory.CreateDirectory(dir);
        string yamlPath = Path.Combine(dir, "map.yaml");
        File.WriteAllText(yamlPath, "image: nothere.pgm\nresolution: 0.05\norigin: [0, 0, 0]\n");
        var e = Assert.Throws<MapFormatException>(() => MapServerLoader.Load(yamlPath));
        Assert.StartsWith("map.yaml: image: file '", e.Message, StringComparison.Ordinal);
        Directory.Delete(dir, true);
    }
}
