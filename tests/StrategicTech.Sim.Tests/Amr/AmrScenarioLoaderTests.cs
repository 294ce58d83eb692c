using StrategicTech.Navigation.Planning.Costmaps;
using StrategicTech.Sim.Amr.Scenarios;
using StrategicTech.Sim.Scenarios;
using StrategicTech.TestSupport;

namespace StrategicTech.Sim.Tests.Amr;

/// <summary><see cref="AmrScenarioLoader"/>: bundled scenarios load; every bad value is an error naming file, JSON path and line.</summary>
public sealed class AmrScenarioLoaderTests : IDisposable
{
    private const string Valid = """
        {
          "name": "t",
          "seed": 5,
          "map": { "builtIn": "warehouse" },
          "robot": { "start": { "xM": 1.5, "yM": 1.0, "yawDeg": 0 } },
          "goals": [
            { "xM": 8.0, "yM": 3.75, "yawDeg": 90 }
          ],
          "people": [ { "fromXM": 4.0, "fromYM": 8.9, "toXM": 12.0, "toYM": 8.9, "speedMps": 0.8 } ],
          "obstacles": [ { "minXM": 6.0, "minYM": 3.0, "maxXM": 6.6, "maxYM": 3.5 } ],
          "faults": [
            { "kind": "lidarDropout", "startS": 6, "durationS": 8, "fraction": 0.9 },
            { "kind": "wheelSlip", "startS": 1, "durationS": 2, "fraction": 0.3 },
            { "kind": "kidnap", "startS": 20, "to": { "xM": 14.5, "yM": 6.25, "yawDeg": 180 } }
          ],
          "criteria": { "minClearanceM": 0.05, "maxLocalizationErrorM": 0.2, "timeLimitS": 100 }
        }
        """;

    private readonly string _directory = Path.Combine(Path.GetTempPath(), "amr-scenario-tests-" + Guid.NewGuid().ToString("N"));

    public AmrScenarioLoaderTests() => Directory.CreateDirectory(_directory);

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void Bundled_scenarios_load_including_one_with_lidar_dropout_and_one_with_wheel_slip()
    {
        Assert.Contains("warehouse-lidar-dropout", AmrScenarioLoader.BuiltInNames);
        Assert.Contains("warehouse-wheel-slip", AmrScenarioLoader.BuiltInNames);
        foreach (string name in AmrScenarioLoader.BuiltInNames)
        {
            AmrScenario s = AmrScenarioLoader.Load(name);
            Assert.Equal(name, s.Name);
            Assert.NotEmpty(s.Goals);
        }

        Assert.Contains(AmrScenarioLoader.Load("warehouse-lidar-dropout").Faults, f => f is { Kind: AmrFaultKind.LidarDropout, Fraction: 0.9, DurationS: 8 });
        Assert.Contains(AmrScenarioLoader.Load("warehouse-wheel-slip").Faults, f => f is { Kind: AmrFaultKind.WheelSlip, Fraction: 0.3, DurationS: 15 });
    }

    [Fact]
    public void A_file_reads_every_section_and_paints_obstacles_into_the_world_map_only()
    {
        AmrScenario s = AmrScenarioLoader.Load(Write("ok.json", Valid));
        Assert.Equal("t", s.Name);
        Assert.Equal(5UL, s.Seed);
        Assert.Equal(Math.PI / 2, s.Goals[0].YawRad, 12);
        Assert.Equal(s.Start, s.InitialPose);
        Assert.Single(s.People);
        Assert.Equal(3, s.Faults.Count);
        Assert.Equal(14.5, s.Faults[2].KidnapTo.XM);
        Assert.Equal(Math.PI, s.Faults[2].KidnapTo.YawRad, 12);
        Assert.True(s.Criteria.AllGoalsReached);
        Assert.Equal(0.05, s.Criteria.MinClearanceM);
        Assert.Null(s.Criteria.FinalLocalizationErrorM);

        // The pallet at (6.0..6.6, 3.0..3.5) is in the simulator's world, not on the navigator's map.
        int cx = (int)(6.3 / 0.05), cy = (int)(3.25 / 0.05);
        Assert.Equal(OccupancyGridMap.Free, s.Map[cx, cy]);
        Assert.Equal(OccupancyGridMap.Occupied, s.WorldMap[cx, cy]);
        Assert.Equal(OccupancyGridMap.Free, s.WorldMap[cx, (int)(3.75 / 0.05)]);
    }

    [Fact]
    public void A_map_file_is_resolved_relative_to_the_scenario_file()
    {
        string shared = SharedData.PathOf("maps", "ros", "nav2_warehouse");
        foreach (string f in new[] { "warehouse.yaml", "warehouse.pgm" })
        {
            File.Copy(Path.Combine(shared, f), Path.Combine(_directory, f));
        }

        string text = Valid.Replace("\"builtIn\": \"warehouse\"", "\"file\": \"warehouse.yaml\"", StringComparison.Ordinal)
            .Replace("\"obstacles\": [ { \"minXM\": 6.0, \"minYM\": 3.0, \"maxXM\": 6.6, \"maxYM\": 3.5 } ],", string.Empty, StringComparison.Ordinal);
        AmrScenario s = AmrScenarioLoader.Load(Write("nav2.json", FreePoses(text)));
        Assert.Equal(1006, s.Map.Width);
        Assert.Equal("warehouse.yaml", s.MapName);
        Assert.Same(s.Map, s.WorldMap);
    }

    public static TheoryData<string, string, string, string> BadScenarios => new()
    {
        { "\"seed\": 5", "\"seed\": 5, \"colour\": 1", "colour", "unknown key \"colour\"" },
        { "\"builtIn\": \"warehouse\"", "\"builtIn\": \"depot\"", "map.builtIn", "unknown built-in map \"depot\"" },
        { "\"builtIn\": \"warehouse\"", "\"file\": \"missing.yaml\"", "map.file", "cannot load map" },
        { "\"builtIn\": \"warehouse\"", "\"builtIn\": \"warehouse\", \"file\": \"x.yaml\"", "map", "exactly one of" },
        { "\"xM\": 8.0, \"yM\": 3.75", "\"xM\": 8.0, \"yM\": 2.5", "goals[0]", "(8, 2.5) is not free space" },
        { "\"xM\": 8.0, \"yM\": 3.75", "\"xM\": 80.0, \"yM\": 3.75", "goals[0]", "(80, 3.75) is outside the map" },
        { "\"xM\": 8.0, \"yM\": 3.75", "\"xM\": 6.3, \"yM\": 3.25", "goals[0]", "is not free space (wall, shelf, unknown or an obstacle)" },
        { "\"xM\": 8.0, \"yM\": 3.75", "\"xM\": \"8\", \"yM\": 3.75", "goals[0].xM", "expected a number" },
        { "\"start\": { \"xM\": 1.5,", "\"start\": { \"xM\": 0.02,", "robot.start", "is not free space" },
        { "\"kind\": \"lidarDropout\"", "\"kind\": \"fog\"", "faults[0].kind", "unknown fault kind \"fog\"" },
        { "\"fraction\": 0.9", "\"fraction\": 1.5", "faults[0].fraction", "must be within 0..1" },
        { "\"fraction\": 0.3", "\"fraction\": 0.95", "faults[1].fraction", "must be within 0..0.9" },
        { "\"kind\": \"kidnap\", \"startS\": 20,", "\"kind\": \"kidnap\", \"startS\": 20, \"durationS\": 3,", "faults[2].durationS", "a kidnap is instantaneous" },
        { "\"durationS\": 8,", "", "faults[0]", "missing required key \"durationS\"" },
        { "\"maxXM\": 6.6", "\"maxXM\": 5.0", "obstacles[0]", "must exceed minXM/minYM" },
        { "\"speedMps\": 0.8", "\"speedMps\": -1", "people[0].speedMps", "must be within 0..3" },
        { "\"timeLimitS\": 100", "\"timeLimitS\": 100, \"maxTiltDeg\": 3", "criteria.maxTiltDeg", "unknown key" },
        { "\"goals\": [", "\"goals\": [ ], \"x\": [", "x", "unknown key" },
    };

    [Theory]
    [MemberData(nameof(BadScenarios))]
    public void Every_bad_value_is_an_error_naming_file_field_and_line(string find, string replace, string field, string problem)
    {
        Assert.Contains(find, Valid, StringComparison.Ordinal);
        string path = Write("bad.json", Valid.Replace(find, replace, StringComparison.Ordinal));
        ScenarioFileException e = Assert.Throws<ScenarioFileException>(() => AmrScenarioLoader.Load(path));
        Assert.Equal(field, e.Field);
        Assert.Contains(problem, e.Problem, StringComparison.Ordinal);
        Assert.StartsWith(path + ": " + field, e.Message, StringComparison.Ordinal);
        if (field is not ("map" or "colour" or "x"))
        {
            Assert.True(e.Line > 1, $"line {e.Line}");
        }
    }

    [Fact]
    public void Errors_name_the_line_of_the_offending_value_and_an_empty_goal_list_is_refused()
    {
        string path = Write("line.json", Valid.Replace("\"fraction\": 0.9", "\"fraction\": 2", StringComparison.Ordinal));
        ScenarioFileException e = Assert.Throws<ScenarioFileException>(() => AmrScenarioLoader.Load(path));
        Assert.Equal(12, e.Line);

        int open = Valid.IndexOf("\"goals\": [", StringComparison.Ordinal);
        int close = Valid.IndexOf(']', open);
        string empty = Valid[..open] + "\"goals\": []" + Valid[(close + 1)..];
        e = Assert.Throws<ScenarioFileException>(() => AmrScenarioLoader.Load(Write("empty.json", empty)));
        Assert.Equal("goals", e.Field);
        Assert.Contains("at least one goal", e.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Malformed_json_and_an_unknown_name_are_errors_naming_the_source()
    {
        ScenarioFileException e = Assert.Throws<ScenarioFileException>(() => AmrScenarioLoader.Load(Write("broken.json", "{\n  \"name\": \"x\",\n  \"seed\": \n}")));
        Assert.Equal("(json)", e.Field);
        Assert.Equal(4, e.Line);
        e = Assert.Throws<ScenarioFileException>(() => AmrScenarioLoader.Load("no-such-scenario"));
        Assert.Contains("warehouse-wheel-slip", e.Problem, StringComparison.Ordinal);
    }

    /// <summary>Moves the poses of <see cref="Valid"/> onto free cells of the Nav2 warehouse map.</summary>
    private static string FreePoses(string text) => text
        .Replace("\"start\": { \"xM\": 1.5, \"yM\": 1.0", "\"start\": { \"xM\": 0.5, \"yM\": -19.65", StringComparison.Ordinal)
        .Replace("\"xM\": 8.0, \"yM\": 3.75", "\"xM\": 0.5, \"yM\": -15.2", StringComparison.Ordinal)
        .Replace("\"xM\": 14.5, \"yM\": 6.25", "\"xM\": 3.5, \"yM\": -10.75", StringComparison.Ordinal)
        .Replace("\"fromXM\": 4.0, \"fromYM\": 8.9, \"toXM\": 12.0, \"toYM\": 8.9", "\"fromXM\": 2.0, \"fromYM\": -19.65, \"toXM\": 2.0, \"toYM\": -23.5", StringComparison.Ordinal);

    private string Write(string name, string text)
    {
        string path = Path.Combine(_directory, name);
        File.WriteAllText(path, text);
        return path;
    }
}
