using System.Text.Json;
using StrategicTech.Drivers.Vda5050.Messages;
using StrategicTech.Drivers.Vda5050.Zones;
using StrategicTech.TestSupport;

namespace StrategicTech.Drivers.Vda5050.Tests;

/// <summary>ACTION zones run their entry, during and exit actions on the AGV and report them; SPEED_LIMIT zones cap the speed.</summary>
public sealed class ZoneActionTrackerTests
{
    private static List<ZoneVertex> Square(double x0M, double y0M, double sideM) =>
    [
        new() { XM = x0M, YM = y0M }, new() { XM = x0M + sideM, YM = y0M }, new() { XM = x0M + sideM, YM = y0M + sideM }, new() { XM = x0M, YM = y0M + sideM },
    ];

    /// <summary>An ACTION zone [0, 2] x [0, 2]: horn on entry, a beacon while inside, lights off on exit; speed limits 0.5 and 0.3 m/s overlapping at x in [3, 4].</summary>
    private static ZoneSetDefinition Hall() => new()
    {
        MapId = "hall", ZoneSetId = "zs-a",
        Zones =
        [
            new Zone
            {
                ZoneId = "gate", ZoneType = ZoneType.Action, Vertices = Square(0, 0, 2),
                EntryActions = [new ZoneAction { ActionType = "horn", BlockingType = BlockingType.None, ActionDescriptor = "beep twice" }],
                DuringActions = [new ZoneAction { ActionType = "beacon", BlockingType = BlockingType.None }],
                ExitActions = [new ZoneAction { ActionType = "lightsOff", BlockingType = BlockingType.None }],
            },
            new Zone { ZoneId = "slow", ZoneType = ZoneType.SpeedLimit, Vertices = Square(2.5, 0, 2), MaximumSpeedMps = 0.5 },
            new Zone { ZoneId = "slower", ZoneType = ZoneType.SpeedLimit, Vertices = Square(3, 0, 2), MaximumSpeedMps = 0.3 },
        ],
    };

    private static (string Type, ActionStatus Status)[] Of(List<ActionState> states) => [.. states.Select(s => (s.ActionType!, s.ActionStatus))];

    [Fact]
    public void Crossing_an_action_zone_runs_entry_then_during_actions_and_on_leaving_ends_the_during_action_and_runs_the_exit_action()
    {
        var ran = new List<(string Type, ZoneActionPhase Phase, string ZoneId)>();
        var tracker = new ZoneActionTracker("agv")
        {
            Runner = run =>
            {
                ran.Add((run.Action.ActionType, run.Phase, run.ZoneId));
                return run.Phase == ZoneActionPhase.During ? ActionStatus.Running : ActionStatus.Finished;
            },
        };
        ZoneSetDefinition set = Hall();
        tracker.Moved(set, -0.5, 1);
        Assert.Empty(tracker.States());
        tracker.Moved(set, 0.5, 1);
        tracker.Moved(set, 1.0, 1); // still inside: nothing runs again
        Assert.Equal([("horn", ActionStatus.Finished), ("beacon", ActionStatus.Running)], Of(tracker.States()));
        tracker.Moved(set, 2.5, 1);
        Assert.Equal([("horn", ActionStatus.Finished), ("beacon", ActionStatus.Finished), ("lightsOff", ActionStatus.Finished)], Of(tracker.States()));
        Assert.Equal([("horn", ZoneActionPhase.Entry, "gate"), ("beacon", ZoneActionPhase.During, "gate"), ("lightsOff", ZoneActionPhase.Exit, "gate")], ran);
        Assert.Equal(["agv-1", "agv-2", "agv-3"], tracker.States().Select(s => s.ActionId));
        Assert.Equal("beep twice", tracker.States()[0].ActionDescription);

        tracker.Moved(set, 1, 1); // a second crossing runs them again under new ids
        Assert.Equal(5, tracker.States().Count);
        Assert.Equal("agv-5", tracker.States()[^1].ActionId);
    }

    [Fact]
    public void An_action_the_robot_cannot_run_fails_with_a_result_description_and_clear_forgets_ended_actions_only()
    {
        var tracker = new ZoneActionTracker { Runner = run => run.Action.ActionType == "beacon" ? ActionStatus.Running : ActionStatus.Failed };
        tracker.Moved(Hall(), 1, 1);
        List<ActionState> states = tracker.States();
        Assert.Equal([("horn", ActionStatus.Failed), ("beacon", ActionStatus.Running)], Of(states));
        Assert.Equal("no zone action 'horn' on this robot", states[0].ResultDescription);
        tracker.Clear();
        Assert.Equal([("beacon", ActionStatus.Running)], Of(tracker.States()));
    }

    [Fact]
    public void The_reported_zone_action_states_are_bounded_forgetting_the_oldest_ended_ones()
    {
        var tracker = new ZoneActionTracker { Runner = _ => ActionStatus.Finished };
        ZoneSetDefinition set = Hall();
        for (int i = 0; i < 40; i++)
        {
            tracker.Moved(set, 1, 1);
            tracker.Moved(set, -1, 1);
        }

        List<ActionState> states = tracker.States();
        Assert.Equal(ZoneActionTracker.Capacity, states.Count);
        Assert.Equal("za-120", states[^1].ActionId); // 40 crossings x 3 actions
    }

    [Fact]
    public void The_speed_limit_is_the_lowest_of_the_speed_limit_zones_containing_the_robot()
    {
        ZoneSetDefinition set = Hall();
        Assert.Null(ZoneActionTracker.SpeedLimitMps(set, 1, 1));
        Assert.Equal(0.5, ZoneActionTracker.SpeedLimitMps(set, 2.7, 1));
        Assert.Equal(0.3, ZoneActionTracker.SpeedLimitMps(set, 3.5, 1));
        Assert.Null(ZoneActionTracker.SpeedLimitMps(null, 3.5, 1));
    }

    [Fact]
    public void A_300_state_carrying_zone_action_states_validates_strictly_against_the_state_schema()
    {
        var tracker = new ZoneActionTracker { Runner = run => run.Phase == ZoneActionPhase.During ? ActionStatus.Running : ActionStatus.Finished };
        tracker.Moved(Hall(), 1, 1);
        State state = SampleMessagesV3.MinimalState();
        state.ZoneActionStates = tracker.States();
        using JsonDocument doc = JsonDocument.Parse(Vda5050Codec.Encode(state));
        var schema = JsonSchemaValidator.LoadStrict(SharedData.PathOf("vda5050", "schemas", "3.0.0", "state.schema"));
        Assert.Empty(schema.Validate(doc.RootElement));
        Assert.Equal(["horn", "beacon"], doc.RootElement.GetProperty("zoneActionStates").EnumerateArray().Select(a => a.GetProperty("actionType").GetString()));
    }
}
