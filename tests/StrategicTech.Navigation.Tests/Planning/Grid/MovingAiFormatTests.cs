using StrategicTech.Navigation.Planning;
using StrategicTech.Navigation.Planning.Grid;

namespace StrategicTech.Navigation.Tests.Planning.Grid;

public class MovingAiFormatTests
{
    [Fact]
    public void Map_with_crlf_and_all_terrain_letters_parses()
    {
        MovingAiMap map = MovingAiMap.Parse("type octile\r\nheight 2\r\nwidth 4\r\nmap\r\n.GS@\r\nOTW.\r\n", "t.map");
        Assert.Equal(4, map.Width);
        Assert.Equal(2, map.Height);
        bool[] expected = [true, true, true, false, false, false, false, true];
        Assert.Equal(expected, map.Passable.ToArray());
    }

    [Theory]
    [InlineData("type hex\nheight 1\nwidth 1\nmap\n.\n", "t.map:1: type:")]
    [InlineData("type octile\nheight x\nwidth 1\nmap\n.\n", "t.map:2: height:")]
    [InlineData("type octile\nheight 2\nwidth 2\nmap\n..\n.\n", "t.map:6: map: row 1 has 1 cells")]
    [InlineData("type octile\nheight 1\nwidth 2\nmap\n.X\n", "t.map:5: map: unknown terrain 'X'")]
    [InlineData("type octile\nheight 2\nwidth 2\nmap\n..\n", "t.map:5: map: expected 2 rows, got 1")]
    public void Malformed_map_names_file_line_and_field(string text, string expectedStart)
    {
        var e = Assert.Throws<MapFormatException>(() => MovingAiMap.Parse(text, "/x/t.map"));
        Assert.StartsWith(expectedStart, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Scenario_reads_path_map_field_and_crlf()
    {
        MovingAiScenario s = MovingAiScenario.Parse("version 1\r\n0\tmaps/dao/t.map\t2\t1\t0\t0\t1\t0\t1\r\n", "t.scen");
        ScenarioEntry e = Assert.Single(s.Entries);
        Assert.Equal(new GridCell(0, 0), e.Start);
        Assert.Equal(new GridCell(1, 0), e.Goal);
        Assert.Equal(1.0, e.OptimalLength);
        Assert.Equal(2, e.Line);
        s.Validate(MovingAiMap.Parse("type octile\nheight 1\nwidth 2\nmap\n..\n", "t.map"), "/a/t.map", "t.scen");
    }

    [Theory]
    [InlineData("version 2\n", "t.scen:1: version:")]
    [InlineData("version 1\n0\tt.map\t2\t1\t0\t0\t1\n", "t.scen:2: line: expected 9 fields")]
    [InlineData("version 1\n0\tt.map\t2\t1\t0\t0\t1\t0\tabc\n", "t.scen:2: optimal length:")]
    [InlineData("version 1\n0\tt.map\t2\t1\tq\t0\t1\t0\t1\n", "t.scen:2: start x:")]
    public void Malformed_scenario_names_file_line_and_field(string text, string expectedStart)
    {
        var e = Assert.Throws<MapFormatException>(() => MovingAiScenario.Parse(text, "t.scen"));
        Assert.StartsWith(expectedStart, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Scenario_that_disagrees_with_the_map_is_rejected()
    {
        MovingAiMap map = MovingAiMap.Parse("type octile\nheight 1\nwidth 2\nmap\n.@\n", "t.map");
        MovingAiScenario wrongSize = MovingAiScenario.Parse("version 1\n0\tt.map\t3\t1\t0\t0\t1\t0\t1\n", "t.scen");
        Assert.Contains("t.scen:2: width/height", Assert.Throws<MapFormatException>(() => wrongSize.Validate(map, "t.map", "t.scen")).Message, StringComparison.Ordinal);
        MovingAiScenario blockedGoal = MovingAiScenario.Parse("version 1\n0\tt.map\t2\t1\t0\t0\t1\t0\t1\n", "t.scen");
        Assert.Contains("t.scen:2: goal", Assert.Throws<MapFormatException>(() => blockedGoal.Validate(map, "t.map", "t.scen")).Message, StringComparison.Ordinal);
    }
}
