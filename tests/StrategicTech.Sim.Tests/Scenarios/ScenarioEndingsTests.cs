using System.Text.Json;
using StrategicTech.Autopilot.Flight;
using StrategicTech.Sim.Lockstep;
using StrategicTech.Sim.Scenarios;

namespace StrategicTech.Sim.Tests.Scenarios;

/// <summary>How a run ends: a ground station's RTL, optional criteria, skipped items, an outside stop.</summary>
public sealed class ScenarioEndingsTests : IDisposable
{
    private readonly ScenarioFiles _files = new();

    public void Dispose() => _files.Dispose();

    [Fact]
    public void A_ground_station_rtl_mid_mission_ends_the_run_when_landed_and_disarmed_not_at_the_time_limit()
    {
        // hover.plan: takeoff to 10 m, a waypoint held 30 s, land. RTL at t = 25 s (during the hold).
        Scenario hover = ScenarioLoader.Load(_files.Write("h.json", ScenarioFiles.Valid));
        var rtl = new CommandAt(25_000_000, c => c.ReturnToLaunch());
        ScenarioResult r = ScenarioRunner.Run(hover, new ScenarioRunOptions { Attach = (_, _, _) => rtl });
        VehicleResult v = Assert.Single(r.Vehicles);
        Assert.Equal(CommandOutcome.Accepted, rtl.Outcome);
        Assert.False(r.TimedOut);
        Assert.Equal(VehiclePhase.Finished, v.Phase);
        Assert.False(v.Armed);
        Assert.True(v.Landed);
        Assert.True(r.SimulatedS < 100, $"run went on to {r.SimulatedS} s"); // the time limit is 200 s; RTL from 10 m over home lands in well under a minute
        Assert.Equal(r.SimulatedS, v.FinishedAtS, 2);
        // The held waypoint was never completed: printed as "not reached", not an infinite distance.
        CriterionResult waypoints = v.Criteria.Single(c => c.Key == PassCriteria.WaypointKey);
        Assert.False(waypoints.Passed);
        Assert.Equal("not reached", waypoints.MeasuredText("F2"));
    }

    [Fact]
    public void An_optional_criterion_that_fails_is_reported_but_does_not_fail_the_run()
    {
        // A 5 cm landing circle fails (GNSS-grade landing); marked optional the run passes, and summary.json says so.
        string optional = ScenarioFiles.Valid.Replace("\"landedWithinM\": 2", "\"landedWithinM\": { \"limit\": 0.05, \"optional\": true }", StringComparison.Ordinal);
        ScenarioResult r = ScenarioRunner.Run(ScenarioLoader.Load(_files.Write("o.json", optional)));
        VehicleResult v = Assert.Single(r.Vehicles);
        CriterionResult landed = v.Criteria.Single(c => c.Key == PassCriteria.LandedKey);
        Assert.False(landed.Passed);
        Assert.False(landed.Required);
        Assert.True(v.Criteria.Where(c => c.Required).All(c => c.Passed));
        Assert.True(r.Passed);
        using JsonDocument summary = JsonDocument.Parse(ScenarioOutputWriter.SummaryJson(r));
        Assert.True(summary.RootElement.GetProperty("passed").GetBoolean());
        Assert.Equal("landedWithinM", Assert.Single(summary.RootElement.GetProperty("criteria").GetProperty("optional").EnumerateArray()).GetString());
        JsonElement c = summary.RootElement.GetProperty("vehicles")[0].GetProperty("criteria")[1];
        Assert.False(c.GetProperty("passed").GetBoolean());
        Assert.False(c.GetProperty("required").GetBoolean());
    }

    [Fact]
    public void The_same_failing_criterion_marked_required_false_or_left_plain_decides_the_verdict_as_written()
    {
        string notRequired = ScenarioFiles.Valid.Replace("\"landedWithinM\": 2", "\"landedWithinM\": { \"limit\": 0.05, \"required\": false }", StringComparison.Ordinal);
        string plain = ScenarioFiles.Valid.Replace("\"landedWithinM\": 2", "\"landedWithinM\": 0.05", StringComparison.Ordinal);
        Assert.False(ScenarioLoader.Load(_files.Write("n.json", notRequired)).Criteria.IsRequired(PassCriteria.LandedKey));
        Assert.True(ScenarioLoader.Load(_files.Write("p.json", plain)).Criteria.IsRequired(PassCriteria.LandedKey));
        string both = ScenarioFiles.Valid.Replace("\"landedWithinM\": 2", "\"landedWithinM\": { \"limit\": 2, \"required\": true, \"optional\": true }", StringComparison.Ordinal);
        ScenarioFileException e = Assert.Throws<ScenarioFileException>(() => ScenarioLoader.Load(_files.Write("b.json", both)));
        Assert.Equal("criteria.landedWithinM", e.Field);
        Assert.Contains("contradict", e.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_skipped_mission_item_is_listed_with_its_reason_in_the_result_and_summary()
    {
        // QGC WPL: home, takeoff 10 m, DO_SET_SERVO (183, not supported), land.
        _files.Write("servo.waypoints", """
            QGC WPL 110
            0	1	0	16	0	0	0	0	47.397742	8.545594	488.0	1
            1	0	3	22	0	0	0	0	47.397742	8.545594	10	1
            2	0	3	183	1	1500	0	0	0	0	0	1
            3	0	3	21	0	0	0	0	47.397742	8.545594	0	1
            """);
        string scenario = ScenarioFiles.Valid.Replace("\"hover.plan\"", "\"servo.waypoints\"", StringComparison.Ordinal);
        ScenarioResult r = ScenarioRunner.Run(ScenarioLoader.Load(_files.Write("s.json", scenario)));
        VehicleResult v = Assert.Single(r.Vehicles);
        SkippedItem skipped = Assert.Single(v.SkippedItems);
        Assert.Equal(1, skipped.Index);
        Assert.Equal(183, skipped.Command);
        Assert.Equal("command not supported", skipped.Reason);
        using JsonDocument summary = JsonDocument.Parse(ScenarioOutputWriter.SummaryJson(r));
        JsonElement item = Assert.Single(summary.RootElement.GetProperty("vehicles")[0].GetProperty("skippedItems").EnumerateArray());
        Assert.Equal("command not supported", item.GetProperty("reason").GetString());
        Assert.Equal(183, item.GetProperty("command").GetInt32());
    }

    [Fact]
    public void A_cancelled_run_stops_at_the_next_tick_and_reports_what_ran_as_interrupted()
    {
        using var stop = new CancellationTokenSource();
        Scenario hover = ScenarioLoader.LoadBuiltIn("hover");
        ScenarioResult r = ScenarioRunner.Run(hover, new ScenarioRunOptions
        {
            Cancellation = stop.Token,
            Progress = p =>
            {
                if (p.SimulatedS >= 15)
                {
                    stop.Cancel();
                }
            },
        });
        Assert.True(r.Interrupted);
        Assert.False(r.TimedOut);
        Assert.False(r.Passed);
        Assert.Equal(15.0, r.SimulatedS, 3); // cancelled in the progress call after t = 15 s: no further tick ran
        VehicleResult v = Assert.Single(r.Vehicles);
        Assert.Equal(15 * ScenarioRunner.LogRateHz, v.Log.Count);
        using JsonDocument summary = JsonDocument.Parse(ScenarioOutputWriter.SummaryJson(r));
        Assert.True(summary.RootElement.GetProperty("interrupted").GetBoolean());
    }

    [Fact]
    public void A_malformed_scenario_names_one_line_only()
    {
        ScenarioFileException e = Assert.Throws<ScenarioFileException>(() =>
            ScenarioLoader.Load(_files.Write("bad.json", ScenarioFiles.Valid.Replace("\"seed\": 3,", "\"seed\": 3,,", StringComparison.Ordinal))));
        Assert.Equal(3, e.Line); // "seed" is on line 3 of the file
        Assert.DoesNotContain("LineNumber", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("BytePosition", e.Message, StringComparison.Ordinal);
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(e.Message, "line"));
    }

    /// <summary>Sends one command through the vehicle API at a simulated time, as a ground station would.</summary>
    private sealed class CommandAt(long atUs, Func<IVehicleCommands, CommandOutcome> command) : IVehicleAttachment
    {
        public CommandOutcome? Outcome { get; private set; }

        public void AfterStep(SitlVehicle vehicle, long timeUs)
        {
            if (Outcome is null && timeUs >= atUs)
            {
                Outcome = command(vehicle.Commands);
            }
        }

        public void Dispose()
        {
        }
    }
}
