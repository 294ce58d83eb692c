using StrategicTech.Navigation.Missions;
using StrategicTech.TestSupport;

namespace StrategicTech.Navigation.Tests.Missions;

public sealed class RallyFileReaderTests
{
    [SharedDataFact]
    public void ArduPilot_rover_rally_file_has_two_points()
    {
        IReadOnlyList<RallyPoint> points = RallyFileReader.ReadFile(SharedData.PathOf("missions", "ardupilot_rover_rally.txt"));
        Assert.Equal(2, points.Count);
        Assert.Equal(40.071553, points[0].LatitudeDeg);
        Assert.Equal(-105.229401, points[0].LongitudeDeg);
        Assert.Equal(0.0, points[0].AltitudeM);
        Assert.Equal(40.0, points[0].BreakAltitudeM);
        Assert.Equal(40.072265, points[1].LatitudeDeg);
        Assert.Equal(-105.231136, points[1].LongitudeDeg);
    }

    [Theory]
    [InlineData("RALLY 40.0\t-105\t0\t40\t0\n", "line 1", "got 5 values")]
    [InlineData("\nFENCE 1 2 3 4 5 6\n", "line 2", "expected a line starting with RALLY")]
    [InlineData("RALLY 40.0\t-105\tx\t40\t0\t0\n", "line 1, field altitude", "not a number")]
    public void Malformed_rally_lines_name_line_and_field(string text, string location, string problem)
    {
        MissionFileException ex = Assert.Throws<MissionFileException>(() => RallyFileReader.Parse(text, "r.txt"));
        Assert.Equal(location, ex.Location);
        Assert.Contains(problem, ex.Problem, StringComparison.Ordinal);
    }
}
