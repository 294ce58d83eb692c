using System.Text;
using StrategicTech.Drivers.Rosbridge.Client;
using StrategicTech.Drivers.Rosbridge.Messages;

namespace StrategicTech.Drivers.Rosbridge.Tests;

/// <summary>
/// What rosbridge_suite's ROS 1 release does that the client must live with, fed as frames shaped like that server's:
/// no status op, failed calls as result false with the reason text in values, ops a server's capability list leaves
/// out answered by nothing at all.
/// </summary>
public sealed class RosbridgeSuiteQuirksTests
{
    private static byte[] Frame(string json) => Encoding.UTF8.GetBytes(json);

    [Fact]
    public async Task A_service_call_completes_from_service_response_alone_and_a_status_op_is_only_counted()
    {
        await using var client = new RosbridgeClient(new Uri("ws://127.0.0.1:9"));
        Task<TriggerResponse> call = client.CallServiceAsync("/reset", new TriggerRequest(), RosTypes.TriggerRequest, RosTypes.TriggerResponse, TimeSpan.FromSeconds(30));

        client.HandleFrame(Frame("""{"op":"status","level":"error","msg":"something unrelated","id":"call_service:/reset:1"}"""), binary: false);
        Assert.False(call.IsCompleted); // a status op neither completes nor fails a request
        client.HandleFrame(Frame("""{"op":"service_response","service":"/reset","values":{"success":true,"message":"done"},"result":true,"id":"call_service:/reset:1"}"""), binary: false);

        Assert.Equal(new TriggerResponse(true, "done"), await call);
        Assert.Equal(1, client.Counters.StatusMessages);
        Assert.Equal(0, client.Counters.BadFrames);
    }

    [Fact]
    public async Task A_ROS1_failed_call_with_result_false_and_the_reason_text_in_values_throws_that_reason()
    {
        await using var client = new RosbridgeClient(new Uri("ws://127.0.0.1:9"));
        Task<TriggerResponse> call = client.CallServiceAsync("/reset", new TriggerRequest(), RosTypes.TriggerRequest, RosTypes.TriggerResponse, TimeSpan.FromSeconds(30));

        client.HandleFrame(Frame("""{"values":"Service /reset does not exist","result":false,"service":"/reset","op":"service_response","id":"call_service:/reset:1"}"""), binary: false);

        var e = await Assert.ThrowsAsync<RosServiceException>(() => call);
        Assert.Equal("service /reset failed: Service /reset does not exist", e.Message);
    }

    [Fact]
    public async Task A_call_the_bridge_never_answers_ends_in_a_timeout_not_a_wait_for_status()
    {
        // A bridge whose capabilities leave call_service out (or a ROS 1 one that only logs the error) sends nothing back.
        await using var client = new RosbridgeClient(new Uri("ws://127.0.0.1:9"));

        var e = await Assert.ThrowsAsync<TimeoutException>(() =>
            client.CallServiceAsync("/reset", new TriggerRequest(), RosTypes.TriggerRequest, RosTypes.TriggerResponse, TimeSpan.FromMilliseconds(200)));
        Assert.Contains("service /reset: no response", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_action_result_without_values_object_reports_the_status_and_reason()
    {
        await using var client = new RosbridgeClient(new Uri("ws://127.0.0.1:9"));
        Task<ActionOutcome<RotateResult>> goal = client.SendActionGoalAsync("/rotate", "strategictech_msgs/action/Rotate", new RotateGoal(1f),
            RosTypes.RotateGoal, RosTypes.RotateFeedback, RosTypes.RotateResult, null, TimeSpan.FromSeconds(30));

        client.HandleFrame(Frame("""{"op":"action_result","action":"/rotate","values":"goal rejected","status":6,"result":false,"id":"send_action_goal:/rotate:1"}"""), binary: false);

        ActionOutcome<RotateResult> outcome = await goal;
        Assert.Equal(GoalStatus.Aborted, outcome.Status);
        Assert.False(outcome.Result);
        Assert.Equal("goal rejected", outcome.FailureText);
    }
}
