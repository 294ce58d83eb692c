using StrategicTech.Navigation.Missions;
using StrategicTech.Sim.Faults;
using StrategicTech.Sim.Scenarios;

namespace StrategicTech.Sim.Tests.Scenarios;

public sealed class ScenarioLoaderTests : IDisposable
{
    private readonly ScenarioFiles _files = new();

    public void Dispose() => _files.Dispose();

    [Fact]
    public void Bundled_scenarios_load_with_their_missions()
    {
        Assert.Equal(["demo", "failsafes.battery_critical", "failsafes.battery_sag", "failsafes.ekf_gnss_jump", "failsafes.flight_time", "failsafes.gcs_link_loss", "failsafes.gnss_loss", "failsafes.goto_fence_breach", "failsafes.hard_impact", "failsafes.hex_motor_failure", "failsafes.quad_motor_crash", "failsafes.quad_motor_weak", "failsafes.rc_loss", "fence-below-home", "fence-far-waypoint", "fence-outside-inclusion", "fence-rally", "fence-rtl-exclusion", "fence-through-exclusion", "hover", "mag_interference", "square"], ScenarioLoader.BuiltInNames);
        Scenario demo = ScenarioLoader.Load("demo");
        Assert.Equal("demo", demo.Name);
        Assert.Equal("demo.plan", demo.Mission.SourceName);
        Assert.Equal(9, demo.Mission.Items.Count);
        Assert.Equal(MavCmd.NavTakeoff, demo.Mission.Items[0].Command);
        Assert.Equal(MavCmd.NavReturnToLaunch, demo.Mission.Items[^1].Command);
        Assert.Equal(6, demo.Mission.Items.Count(i => i.Command == MavCmd.NavWaypoint));
        // 8 m/s from the west blows towards the east.
        Assert.Equal(0, demo.World.Wind.SteadyNedMps.X, 9);
        Assert.Equal(8, demo.World.Wind.SteadyNedMps.Y, 9);
        Assert.Equal(3, demo.World.Wind.GustMaxMps);
        Assert.Equal(47.397742, demo.Vehicles[0].Home.LatitudeDeg, 9);
        Assert.Equal("quad_x", demo.Vehicles[0].AirframeName);
        Assert.Equal(4, demo.Vehicles[0].Airframe.Motors.Count);
        Assert.Equal(3.0, demo.Criteria.WaypointRadiusM);

        Scenario gotoFence = ScenarioLoader.Load("failsafes.goto_fence_breach");
        Assert.Equal([ScenarioCommandKind.GoTo, ScenarioCommandKind.ReturnToLaunch], gotoFence.Commands.Select(c => c.Kind));
        Assert.Equal(45_000_000, gotoFence.Commands[0].AtUs);
        Assert.Equal(8.549574, gotoFence.Commands[0].LongitudeDeg, 9);
        Assert.Equal(8, gotoFence.Commands[0].SpeedMps);
        Assert.True(gotoFence.Criteria.FenceRespected);

        foreach (string name in ScenarioLoader.BuiltInNames)
        {
            Scenario s = ScenarioLoader.Load(name);
            Assert.NotEmpty(s.Mission.Items);
            Assert.Single(s.Vehicles);
        }
    }

    [Fact]
    public void A_file_resolves_its_mission_relative_to_itself_and_reads_every_section()
    {
        Scenario s = ScenarioLoader.Load(_files.Write("ok.json", ScenarioFiles.Valid));
        Assert.Equal("t", s.Name);
        Assert.Equal(3UL, s.Seed);
        Assert.Equal("hover.plan", s.Mission.SourceName);
        Assert.Equal(3, s.Mission.Items.Count);
        Assert.Equal(-2, s.World.Wind.SteadyNedMps.Y, 9); // from the east → blows west
        Fault f = Assert.Single(s.World.Faults);
        Assert.Equal(FaultKind.MagInterference, f.Kind);
        Assert.Equal(40_000_000, f.StartUs);
        Assert.Equal(2_000_000, f.DurationUs);
        Assert.Equal(0.05, f.Vector.X);
        Assert.Equal(20, s.Criteria.MaxTiltDeg);
    }

    public static TheoryData<string, string, string, string> BadScenarios => new()
    {
        // replace this, with this → error names this field, and says this
        { "\"seed\": 3,", "\"seed\": 3,,", "(json)", "malformed JSON" },
        { "\"seed\": 3,", "\"seed\": 3, \"colour\": 1,", "colour", "unknown key \"colour\"" },
        { "\"gustMaxMps\": 1.0", "\"gustMaxMps\": 1.0, \"gustiness\": 2", "world.wind.gustiness", "unknown key" },
        { "\"systemId\": 1", "\"systemId\": \"one\"", "vehicles[0].systemId", "expected an integer, got a string" },
        { "\"systemId\": 1", "\"systemId\": 300", "vehicles[0].systemId", "must be within 1..250, got 300" },
        { "\"maxTiltDeg\": 20", "\"maxTiltDeg\": 200", "criteria.maxTiltDeg", "must be within 1..180, got 200" },
        { "\"timeLimitS\": 200", "\"timeLimitS\": -1", "criteria.timeLimitS", "must be within" },
        { "\"maxTiltDeg\": 20, ", "", "criteria", "missing required key \"maxTiltDeg\"" },
        { "\"latitudeDeg\": 47.397742", "\"latitudeDeg\": 95", "vehicles[0].home.latitudeDeg", "must be within -89..89, got 95" },
        { "\"speedMps\": 2.0", "\"speedMps\": 2.0, \"steadyNedMps\": [1, 0, 0]", "world.wind.steadyNedMps", "either steadyNedMps or speedMps" },
        { "\"kind\": \"magInterference\"", "\"kind\": \"alienInvasion\"", "world.faults[0].kind", "unknown fault kind \"alienInvasion\"" },
        { "\"fieldFrdGauss\": [0.05, 0, 0]", "\"fieldFrdGauss\": [0.05, 0, 0], \"motorIndex\": 1", "world.faults[0].motorIndex", "does not apply to a magInterference fault" },
        { "\"fieldFrdGauss\": [0.05, 0, 0]", "\"fieldFrdGauss\": [0.05, 0]", "world.faults[0].fieldFrdGauss", "expected an array of 3 numbers" },
        { "\"hover.plan\"", "\"nowhere.plan\"", "mission.file", "mission file \"nowhere.plan\" not found" },
        { "\"airframe\": \"quad_x\"", "\"airframe\": \"tricopter\"", "vehicles[0].airframe", "neither a built-in airframe" },
        { "\"vehicles\": [", "\"vehicles\": [ { \"systemId\": 1, \"airframe\": \"quad_x\" },", "vehicles[1].systemId", "system id 1 is used by another vehicle" },
        { "\"mission\": { \"file\": \"hover.plan\" }", "\"mission\": \"hover.plan\"", "mission", "expected an object, got a string" },
        { "\"timeLimitS\": 200", "\"timeLimitS\": 200, \"fenceRespected\": 1", "criteria.fenceRespected", "expected true or false, got the number 1" },
        { "\"timeLimitS\": 200", "\"timeLimitS\": 200, \"landingPoint\": { \"latitudeDeg\": 95, \"longitudeDeg\": 8 }", "criteria.landingPoint.latitudeDeg", "must be within -90..90, got 95" },
        { "\"timeLimitS\": 200", "\"timeLimitS\": 200, \"expectRefusal\": true", "criteria.expectRefusal", "expected a string" },
        { "\"seed\": 3,", "\"seed\": 3, \"commands\": [ { \"atS\": 5 } ],", "commands[0]", "exactly one of \"goTo\", \"returnToLaunch\": true or \"rcChannel\"" },
        { "\"seed\": 3,", "\"seed\": 3, \"commands\": [ { \"atS\": 5, \"rcChannel\": { \"channel\": 5, \"pulseUs\": 2000 } } ],", "commands", "needs an \"rc\" transmitter" },
        { "\"seed\": 3,", "\"seed\": 3, \"rc\": { \"channelsUs\": [1500, 1500, 1500, 1500] }, \"commands\": [ { \"atS\": 5, \"rcChannel\": { \"channel\": 5, \"pulseUs\": 2000 } } ],", "commands", "beyond the transmitter's 4 channels" },
        { "\"seed\": 3,", "\"seed\": 3, \"rc\": { \"channelsUs\": [1500, 1500, 1500] },", "rc.channelsUs", "4..18 channels" },
        { "\"seed\": 3,", "\"seed\": 3, \"rc\": { \"channelsUs\": [1500, 1500, 1500, 2500] },", "rc.channelsUs[3]", "must be within 800..2200" },
        { "\"kind\": \"magInterference\"", "\"kind\": \"rcLoss\"", "world.faults[0].fieldFrdGauss", "does not apply to a rcLoss fault" },
        { "\"seed\": 3,", "\"seed\": 3, \"commands\": [ { \"atS\": 5, \"goTo\": { \"latitudeDeg\": 95, \"longitudeDeg\": 8, \"heightM\": 10 } } ],", "commands[0].goTo.latitudeDeg", "must be within -90..90, got 95" },
        { "\"seed\": 3,", "\"seed\": 3, \"commands\": [ { \"atS\": 9, \"returnToLaunch\": true }, { \"atS\": 5, \"returnToLaunch\": true } ],", "commands", "time order" },
        { "\"timeLimitS\": 200", "\"timeLimitS\": 200, \"failsafe\": { \"kind\": \"BatteryCritical\", \"withinS\": 10, \"notBeforeS\": -1 }", "criteria.failsafe.notBeforeS", "must be within" },
        { "\"timeLimitS\": 200", "\"timeLimitS\": 200, \"waypointTruthWithinAcceptance\": 1", "criteria.waypointTruthWithinAcceptance", "expected true or false, got the number 1" },
    };

    [Theory]
    [MemberData(nameof(BadScenarios))]
    public void Every_bad_value_is_an_error_naming_file_field_and_line(string find, string replace, string field, string problem)
    {
        Assert.Contains(find, ScenarioFiles.Valid, StringComparison.Ordinal);
        string path = _files.Write("bad.json", ScenarioFiles.Valid.Replace(find, replace, StringComparison.Ordinal));
        ScenarioFileException e = Assert.Throws<ScenarioFileException>(() => ScenarioLoader.Load(path));
        Assert.Equal(path, e.Source);
        Assert.Equal(field, e.Field);
        Assert.Contains(problem, e.Problem, StringComparison.Ordinal);
        Assert.StartsWith(path + ": " + field, e.Message, StringComparison.Ordinal);
        Assert.True(e.Line > 0, "line must be known: " + e.Message);
    }

    [Fact]
    public void Errors_name_the_line_of_the_offending_value()
    {
        string path = _files.Write("line.json", ScenarioFiles.Valid.Replace("\"maxTiltDeg\": 20", "\"maxTiltDeg\": 200", StringComparison.Ordinal));
        ScenarioFileException e = Assert.Throws<ScenarioFileException>(() => ScenarioLoader.Load(path));
        int expected = 1 + Array.FindIndex(File.ReadAllLines(path), l => l.Contains("\"maxTiltDeg\"", StringComparison.Ordinal));
        Assert.Equal(expected, e.Line);
        Assert.Contains($"(line {expected})", e.Message, StringComparison.Ordinal);

        string gust = _files.Write("gust.json", ScenarioFiles.Valid.Replace("\"gustMaxMps\": 1.0", "\"gustMaxMps\": 99", StringComparison.Ordinal));
        e = Assert.Throws<ScenarioFileException>(() => ScenarioLoader.Load(gust));
        Assert.Equal("world.wind.gustMaxMps", e.Field);
        Assert.Equal(1 + Array.FindIndex(File.ReadAllLines(gust), l => l.Contains("gustMaxMps", StringComparison.Ordinal)), e.Line);
    }

    [Fact]
    public void A_malformed_mission_file_is_named_with_its_own_location()
    {
        _files.Write("broken.plan", ScenarioFiles.ReadBuiltIn("hover.plan").Replace("\"command\": 22", "\"command\": \"takeoff\"", StringComparison.Ordinal));
        string path = _files.Write("s.json", ScenarioFiles.Valid.Replace("hover.plan", "broken.plan", StringComparison.Ordinal));
        ScenarioFileException e = Assert.Throws<ScenarioFileException>(() => ScenarioLoader.Load(path));
        Assert.Equal("broken.plan", e.Source);
        Assert.Contains("mission.items[0]", e.Field, StringComparison.Ordinal);
    }

    [Fact]
    public void A_waypoints_file_works_as_the_mission()
    {
        _files.Write("m.waypoints",
            "QGC WPL 110\n" +
            "0\t1\t0\t16\t0\t0\t0\t0\t47.397742\t8.545594\t488.0\t1\n" +
            "1\t0\t3\t22\t0\t0\t0\t0\t47.397742\t8.545594\t10.0\t1\n" +
            "2\t0\t3\t16\t0\t0\t0\t0\t47.397832\t8.545594\t10.0\t1\n" +
            "3\t0\t2\t20\t0\t0\t0\t0\t0\t0\t0\t1\n");
        Scenario s = ScenarioLoader.Load(_files.Write("w.json", ScenarioFiles.Valid.Replace("hover.plan", "m.waypoints", StringComparison.Ordinal)));
        Assert.Equal("m.waypoints", s.Mission.SourceName);
        Assert.Equal([MavCmd.NavTakeoff, MavCmd.NavWaypoint, MavCmd.NavReturnToLaunch], s.Mission.Items.Select(i => i.Command));
        Assert.Equal(488.0, s.Mission.PlannedHome.HeightM, 9);
    }

    [Fact]
    public void An_unknown_name_that_is_no_file_lists_the_built_ins()
    {
        ScenarioFileException e = Assert.Throws<ScenarioFileException>(() => ScenarioLoader.Load("no-such-scenario"));
        Assert.Equal("(file)", e.Field);
        Assert.Contains("demo, fence-below-home, ", e.Problem, StringComparison.Ordinal);
        Assert.Contains(", hover, mag_interference, square", e.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_custom_airframe_file_beside_the_scenario_is_loaded_and_its_errors_are_named()
    {
        string quad = ScenarioFiles.ReadResource("StrategicTech.Sim.Airframes.quad_x.json");
        _files.Write("heavy.json", quad.Replace("\"massKg\": 1.5", "\"massKg\": 1.8", StringComparison.Ordinal));
        Scenario s = ScenarioLoader.Load(_files.Write("s.json", ScenarioFiles.Valid.Replace("\"quad_x\"", "\"heavy.json\"", StringComparison.Ordinal)));
        Assert.Equal(1.8, s.Vehicles[0].Airframe.MassKg);

        _files.Write("bad_frame.json", quad.Replace("\"massKg\": 1.5", "\"massKg\": -1", StringComparison.Ordinal));
        ScenarioFileException e = Assert.Throws<ScenarioFileException>(() =>
            ScenarioLoader.Load(_files.Write("s2.json", ScenarioFiles.Valid.Replace("\"quad_x\"", "\"bad_frame.json\"", StringComparison.Ordinal))));
        Assert.Equal("bad_frame.json", e.Source);
        Assert.Equal("massKg", e.Field);
    }
}
