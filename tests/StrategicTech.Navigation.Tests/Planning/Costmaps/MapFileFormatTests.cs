using System.Text;
using StrategicTech.Navigation.Planning;
using StrategicTech.Navigation.Planning.Costmaps;

namespace StrategicTech.Navigation.Tests.Planning.Costmaps;

public class MapFileFormatTests
{
    private const string GoodYaml = "image: m.pgm\nresolution: 0.05\norigin: [1.5, -2.0, 0.0]\nnegate: 0\noccupied_thresh: 0.65\nfree_thresh: 0.196\n";

    private const string Tail = "negate: 0\noccupied_thresh: 0.65\nfree_thresh: 0.25\n";

    [Theory]
    [InlineData("image: m.pgm\nresolution: abc\norigin: [0, 0, 0]\n" + Tail, "map.yaml:2: resolution: expected a positive number, got 'abc'")]
    [InlineData("image: m.pgm\nresolution: -1\norigin: [0, 0, 0]\n" + Tail, "map.yaml:2: resolution: expected a positive number, got '-1'")]
    [InlineData("resolution: 0.05\norigin: [0, 0, 0]\n" + Tail, "map.yaml: image: required key is missing")]
    [InlineData("image: m.pgm\nresolution: 0.05\n" + Tail, "map.yaml: origin: required key is missing")]
    [InlineData("image: m.pgm\nresolution: 0.05\norigin: [0, 0]\n" + Tail, "map.yaml:3: origin: expected 3 numbers [x, y, yaw], got 2")]
    [InlineData("image: m.pgm\nresolution: 0.05\norigin: [0, x, 0]\n" + Tail, "map.yaml:3: origin: expected a number, got 'x'")]
    [InlineData("image: m.pgm\nresolution: 0.05\norigin:\n  - 0\n  - x\n  - 0\n" + Tail, "map.yaml:5: origin: expected a number, got 'x'")]
    [InlineData("image: m.pgm\nresolution: 0.05\norigin: [0, 0, 0]\nmode: fuzzy\n" + Tail, "map.yaml:4: mode: expected trinary, scale or raw, got 'fuzzy'")]
    [InlineData("image: m.pgm\nresolution: 0.05\norigin: [0, 0, 0]\nnegate: maybe\noccupied_thresh: 0.65\nfree_thresh: 0.25\n", "map.yaml:4: negate: expected an integer or true/false, got 'maybe'")]
    [InlineData("image: m.pgm\nresolution: 0.05\norigin: [0, 0, 0]\nnegate: 0\noccupied_thresh: 0.65\nfree_thresh: 1.5\n", "map.yaml:6: free_thresh: expected a number in [0, 1], got '1.5'")]
    [InlineData("image: m.pgm\nresolution: 0.05\norigin: [0, 0, 0]\nnegate: 0\noccupied_thresh: x\nfree_thresh: 0.25\n", "map.yaml:5: occupied_thresh: expected a number in [0, 1], got 'x'")]
    [InlineData("image: m.pgm\nresolution: 0.05\norigin: [0, 0, 0]\nnegate: 0\noccupied_thresh: 0.65\nfree_thresh: 0.9\n", "map.yaml:6: free_thresh: 0.9 is above occupied_thresh 0.65")]
    [InlineData("image: ''\nresolution: 0.05\norigin: [0, 0, 0]\n" + Tail, "map.yaml:1: image: the image tag is empty")]
    [InlineData("image m.pgm\n", "map.yaml:1: expected 'key: value'")]
    public void Malformed_yaml_names_file_line_and_field(string text, string expected)
    {
        var e = Assert.Throws<MapFormatException>(() => MapYaml.Parse(text, "/maps/map.yaml"));
        Assert.StartsWith(expected, e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("occupied_thresh")]
    [InlineData("free_thresh")]
    [InlineData("negate")]
    [InlineData("image")]
    [InlineData("resolution")]
    [InlineData("origin")]
    public void Every_key_nav2_requires_is_required(string key)
    {
        string text = string.Join('\n', GoodYaml.Split('\n').Where(l => !l.StartsWith(key + ":", StringComparison.Ordinal)));
        var e = Assert.Throws<MapFormatException>(() => MapYaml.Parse(text, "/maps/map.yaml"));
        Assert.Equal($"map.yaml: {key}: required key is missing", e.Message);
        Assert.Equal(key, e.Field);
    }

    [Fact]
    public void Mode_is_optional_and_defaults_to_trinary()
    {
        Assert.Equal(MapMode.Trinary, MapYaml.Parse(GoodYaml, "/maps/map.yaml").Mode);
    }

    [Theory]
    [InlineData("Trinary", MapMode.Trinary)]
    [InlineData("SCALE", MapMode.Scale)]
    [InlineData("raw", MapMode.Raw)]
    public void Mode_is_matched_case_insensitively_as_nav2_lowercases_it(string value, MapMode expected)
    {
        Assert.Equal(expected, MapYaml.Parse(GoodYaml + $"mode: {value}\n", "/maps/map.yaml").Mode);
    }

    [Theory]
    [InlineData("0", false)]
    [InlineData("1", true)]
    [InlineData("2", true)]
    [InlineData("false", false)]
    [InlineData("true", true)]
    [InlineData("False", false)]
    [InlineData("yes", true)]
    [InlineData("off", false)]
    public void Negate_is_an_int_or_a_yaml_boolean_as_in_nav2(string value, bool expected)
    {
        string text = GoodYaml.Replace("negate: 0", $"negate: {value}", StringComparison.Ordinal);
        Assert.Equal(expected, MapYaml.Parse(text, "/maps/map.yaml").Negate);
    }

    [Fact]
    public void Origin_may_be_a_block_list_and_quotes_and_comments_are_read()
    {
        string text = "image: \"m.pgm\"  # comment\nresolution: 0.1\norigin:\n  - 1\n  - -2.5 # y\n  - 0.5\nnegate: 0\noccupied_thresh: 0.65\nfree_thresh: 0.25\nunknown_key:\n  nested: 3\n";
        MapYaml yaml = MapYaml.Parse(text, "/maps/map.yaml");
        Assert.Equal(Path.Combine("/maps", "m.pgm"), yaml.ImagePath);
        Assert.Equal((1.0, -2.5, 0.5), (yaml.OriginXM, yaml.OriginYM, yaml.OriginYawRad));
        Assert.Equal((0.65, 0.25), (yaml.OccupiedThreshold, yaml.FreeThreshold));
    }

    [Theory]
    [InlineData(0, OccupancyGridMap.Occupied)] // occ 1.0 > 0.75
    [InlineData(1, OccupancyGridMap.Unknown)] // occ 0.75 exactly on occupied_thresh: not above it
    [InlineData(2, OccupancyGridMap.Unknown)] // occ 0.5
    [InlineData(3, OccupancyGridMap.Unknown)] // occ 0.25 exactly on free_thresh: not below it
    [InlineData(4, OccupancyGridMap.Free)] // occ 0.0 < 0.25
    public void Trinary_pixels_on_a_threshold_are_unknown_as_in_nav2(int sample, sbyte expected)
    {
        // maxval 4 makes every shade exact in binary, so occ lands exactly on the thresholds.
        MapYaml yaml = MapYaml.Parse("image: m.pgm\nresolution: 1\norigin: [0, 0, 0]\nnegate: 0\noccupied_thresh: 0.75\nfree_thresh: 0.25\n", "/m/map.yaml");
        PgmImage image = PgmImage.Parse(Encoding.ASCII.GetBytes($"P2 1 1 4\n{sample}\n"), "m.pgm");
        Assert.Equal(expected, MapServerLoader.FromImage(yaml, image).Data[0]);
    }

    [Theory]
    [InlineData(1, OccupancyGridMap.Unknown)] // shade 0.75 → occ 0.75 > 0.75? no; 0.75 < 0.25? no
    [InlineData(3, OccupancyGridMap.Unknown)] // shade 0.25 → occ 0.25: on free_thresh
    [InlineData(4, OccupancyGridMap.Occupied)] // shade 1.0, negated: white is occupied
    [InlineData(0, OccupancyGridMap.Free)]
    public void Negate_uses_the_shade_itself_as_occupancy(int sample, sbyte expected)
    {
        MapYaml yaml = MapYaml.Parse("image: m.pgm\nresolution: 1\norigin: [0, 0, 0]\nnegate: 1\noccupied_thresh: 0.75\nfree_thresh: 0.25\n", "/m/map.yaml");
        PgmImage image = PgmImage.Parse(Encoding.ASCII.GetBytes($"P2 1 1 4\n{sample}\n"), "m.pgm");
        Assert.Equal(expected, MapServerLoader.FromImage(yaml, image).Data[0]);
    }

    [Theory]
    [InlineData(1, 100)] // occ 0.75 on occupied_thresh: scaled, (0.75-0.25)/0.5 = 100
    [InlineData(2, 50)] // occ 0.5 → 50
    [InlineData(3, 0)] // occ 0.25 on free_thresh: scaled to 0
    [InlineData(0, OccupancyGridMap.Occupied)]
    [InlineData(4, OccupancyGridMap.Free)]
    public void Scale_maps_the_band_between_the_thresholds_inclusive_to_0_100(int sample, int expected)
    {
        MapYaml yaml = MapYaml.Parse("image: m.pgm\nresolution: 1\norigin: [0, 0, 0]\nnegate: 0\noccupied_thresh: 0.75\nfree_thresh: 0.25\nmode: scale\n", "/m/map.yaml");
        PgmImage image = PgmImage.Parse(Encoding.ASCII.GetBytes($"P2 1 1 4\n{sample}\n"), "m.pgm");
        Assert.Equal((sbyte)expected, MapServerLoader.FromImage(yaml, image).Data[0]);
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(129, 1)] // 16-bit: shade·255 = 129/257 = 0.502 → 1
    [InlineData(25700, 100)] // shade·255 = 100
    [InlineData(25957, OccupancyGridMap.Unknown)] // shade·255 = 101, above 100
    public void Raw_takes_the_rounded_pixel_value_when_it_is_0_to_100(int sample, int expected)
    {
        MapYaml yaml = MapYaml.Parse("image: m.pgm\nresolution: 1\norigin: [0, 0, 0]\nnegate: 0\noccupied_thresh: 0.75\nfree_thresh: 0.25\nmode: raw\n", "/m/map.yaml");
        PgmImage image = PgmImage.Parse(Encoding.ASCII.GetBytes($"P2 1 1 65535\n{sample}\n"), "m.pgm");
        Assert.Equal((sbyte)expected, MapServerLoader.FromImage(yaml, image).Data[0]);
    }

    [Fact]
    public void Raw_rounds_an_exact_half_away_from_zero_like_std_round()
    {
        MapYaml yaml = MapYaml.Parse("image: m.pgm\nresolution: 1\norigin: [0, 0, 0]\nnegate: 0\noccupied_thresh: 0.75\nfree_thresh: 0.25\nmode: raw\n", "/m/map.yaml");
        // shade 0.5/255 → shade·255 = 0.5 exactly (maxval 510, sample 1): std::round gives 1, banker's rounding 0.
        PgmImage image = PgmImage.Parse(Encoding.ASCII.GetBytes("P2 1 1 510\n1\n"), "m.pgm");
        Assert.Equal((sbyte)1, MapServerLoader.FromImage(yaml, image).Data[0]);
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
        File.WriteAllText(yamlPath, "image: nothere.pgm\nresolution: 0.05\norigin: [0, 0, 0]\n" + Tail);
        var e = Assert.Throws<MapFormatException>(() => MapServerLoader.Load(yamlPath));
        Assert.StartsWith("map.yaml: image: file '", e.Message, StringComparison.Ordinal);
        Directory.Delete(dir, true);
    }
}
