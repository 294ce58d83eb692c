using StrategicTech.Navigation.Missions;
using StrategicTech.TestSupport;

namespace StrategicTech.Navigation.Tests.Missions;

public sealed class MissionFileTests
{
    [SharedDataTheory]
    [InlineData("qgc_simple_square.plan", 5, 47.397742)]
    [InlineData("mavsdk_survey.plan", 13, 47.39801775617688)]
    [InlineData("qgc_MissionPlanner.waypoints.txt", 14, 40.122269)]
    [InlineData("ardupilot_TopOfTheWorldShort.waypoints", 0, 64.1624777)]
    public void Either_format_loads_home_and_items(string fileName, int expectedItems, double homeLatitudeDeg)
    {
        LoadedMission mission = MissionFile.Read(SharedData.PathOf("missions", fileName));
        Assert.Equal(homeLatitudeDeg, mission.Home.LatitudeDeg);
        Assert.Equal(0, mission.Home.Seq);
        if (expectedItems > 0)
        {
            Assert.Equal(expectedItems, mission.Items.Count);
        }

        Assert.Equal(Enumerable.Range(1, mission.Items.Count), mission.Items.Select(i => i.Seq));
    }

    [Fact]
    public void Unknown_content_is_rejected_with_the_file_name()
    {
        MissionFileException ex = Assert.Throws<MissionFileException>(() => MissionFile.Parse("RALLY 1 2 3 4 5 6", "x.txt"));
        Assert.StartsWith("x.txt: line 1: not a mission file", ex.Message, StringComparison.Ordinal);
    }
}
