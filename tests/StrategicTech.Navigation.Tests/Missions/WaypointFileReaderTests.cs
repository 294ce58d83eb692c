using System.Globalization;
using StrategicTech.Navigation.Missions;
using StrategicTech.TestSupport;

namespace StrategicTech.Navigation.Tests.Missions;

public sealed class WaypointFileReaderTests
{
    [SharedDataTheory]
    [InlineData("qgc_MissionPlanner.waypoints.txt")]
    [InlineData("ardupilot_TopOfTheWorldShort.waypoints")]
    public void Every_row_matches_an_independent_split_of_the_text(string fileName)
    {
        string path = SharedData.PathOf("missions", fileName);
        WaypointFile file = WaypointFileReader.ReadFile(path);
        string[] rows = File.ReadAllLines(path).Skip(1).Where(l => l.Trim().Length > 0).ToArray();
        Assert.Equal(rows.Length - 1, file.Items.Count);
        Assert.Equal(110, file.FormatVersion);
        for (int r = 0; r < rows.Length; r++)
        {
            double[] f = rows[r].Split('\t').Select(s => double.Parse(s, CultureInfo.InvariantCulture)).ToArray();
            MissionItem item = r == 0 ? file.Home : file.Items[r - 1];
            Assert.Equal((int)f[0], item.Seq);
            Assert.Equal(f[1] == 1, item.IsCurrent);
            Assert.Equal((int)f[2], item.Frame);
            Assert.Equal((int)f[3], item.Command);
            Assert.Equal([f[4], f[5], f[6], f[7], f[8], f[9], f[10]],
                [item.Param1, item.Param2, item.Param3, item.Param4, item.LatitudeDeg, item.LongitudeDeg, item.AltitudeM]);
            Assert.Equal(f[11] == 1, item.AutoContinue);
        }
    }

    [SharedDataFact]
    public void Mission_Planner_file_has_jump_loiter_speed_and_land()
    {
        WaypointFile file = WaypointFileReader.ReadFile(SharedData.PathOf("missions", "qgc_MissionPlanner.waypoints.txt"));
        Assert.Equal(14, file.Items.Count);
        Assert.Equal(40.122269, file.Home.LatitudeDeg);
        Assert.Equal(-105.170967, file.Home.LongitudeDeg);
        Assert.Equal(MavFrame.Global, file.Home.Frame);
        Assert.True(file.Home.IsCurrent);
        Assert.Equal(MavCmd.NavTakeoff, file.Items[0].Command);
        Assert.Equal(30.0, file.Items[0].AltitudeM);
        MissionItem jump = file.Items[6];
        Assert.Equal(MavCmd.DoJump, jump.Command);
        Assert.Equal(2.0, jump.Param1);
        Assert.Equal(-1.0, jump.Param2);
        MissionItem loiter = file.Items[7];
        Assert.Equal(MavCmd.NavLoiterTurns, loiter.Command);
        Assert.Equal(150.0, loiter.Param3);
        Assert.Equal(15.0, file.Items[9].Param2);
        Assert.Equal(MavCmd.DoLandStart, file.Items[10].Command);
        Assert.Equal(MavCmd.NavLand, file.Items[^1].Command);
        Assert.Equal(-105.170274, file.Items[^1].LongitudeDeg);
    }

    [SharedDataFact]
    public void Terrain_file_reads_terrain_frame_and_camera_trigger()
    {
        WaypointFile file = WaypointFileReader.ReadFile(SharedData.PathOf("missions", "ardupilot_TopOfTheWorldShort.waypoints"));
        Assert.Equal(64.1624777, file.Home.LatitudeDeg);
        Assert.Equal(MavFrame.GlobalTerrainAlt, file.Items[1].Frame);
        Assert.Equal(64.16410750, file.Items[1].LatitudeDeg);
        MissionItem trigger = file.Items[2];
        Assert.Equal(MavCmd.DoSetCamTriggDist, trigger.Command);
        Assert.Equal(12.68999958, trigger.Param1);
        Assert.Contains(file.Items, i => i.Command == MavCmd.NavLoiterToAlt);
        Assert.Equal(MavCmd.NavLand, file.Items[^1].Command);
    }

    [Theory]
    [InlineData("QGC WPL 120\n0\t1\t0\t16\t0\t0\t0\t0\t1\t2\t3\t1\n", "line 1", "unsupported format version 120")]
    [InlineData("MISSION\n", "line 1", "expected the header")]
    [InlineData("QGC WPL 110\n0\t1\t0\t16\t0\t0\t0\t0\t1\t2\t3\n", "line 2", "expected 12 tab-separated fields, got 11")]
    [InlineData("QGC WPL 110\r\n0\t1\t0\t16\t0\t0\t0\t0\t1\t2\t3\t1\r\n1\t0\t3\t16\t0\t0\t0\t0\tabc\t2\t3\t1\r\n", "line 3, field latitude", "not a number: \"abc\"")]
    [InlineData("QGC WPL 110\n0\t1\t0\t16\t0\t0\t0\t0\t1\t2\t3\t1\n2\t0\t3\t16\t0\t0\t0\t0\t1\t2\t3\t1\n", "line 3, field index", "expected 1")]
    [InlineData("QGC WPL 110\n0\t1\t0\t16.5\t0\t0\t0\t0\t1\t2\t3\t1\n", "line 2, field command", "expected an integer in 0..65535")]
    [InlineData("QGC WPL 110\n0\t1\t3\t16\t0\t0\t0\t0\t91\t2\t3\t1\n", "line 2, field latitude", "outside ±90°")]
    [InlineData("QGC WPL 110\n", "line 2", "no rows")]
    public void Malformed_waypoint_files_name_line_and_field(string text, string location, string problem)
    {
        MissionFileException ex = Assert.Throws<MissionFileException>(() => WaypointFileReader.Parse(text, "m.waypoints"));
        Assert.Equal(location, ex.Location);
        Assert.Contains(problem, ex.Problem, StringComparison.Ordinal);
        Assert.StartsWith("m.waypoints: " + location, ex.Message, StringComparison.Ordinal);
    }
}
