using System.Text.Json.Serialization.Metadata;
using StrategicTech.Drivers.Rosbridge.Protocol;

namespace StrategicTech.Sim.Ros;

/// <summary>
/// A goal a client sent to a server-side action: the simulation reports feedback and finishes it (succeeded,
/// canceled, aborted); a cancel_action_goal from the client sets <see cref="CancelRequested"/>.
/// </summary>
public sealed class RosActionGoal<TGoal, TFeedback, TResult>
{
    private readonly RosbridgeSession _session;
    private readonly JsonTypeInfo<TFeedback> _feedback;
    private readonly JsonTypeInfo<TResult> _result;
    private readonly bool _wantsFeedback;
    private int _finished;

    internal RosActionGoal(RosbridgeSession session, string action, string id, TGoal goal, bool wantsFeedback, JsonTypeInfo<TFeedback> feedback, JsonTypeInfo<TResult> result)
    {
        _session = session;
        Action = action;
        Id = id;
        Goal = goal;
        _wantsFeedback = wantsFeedback;
        _feedback = feedback;
        _result = result;
    }

    public string Action { get; }

    public string Id { get; }

    public TGoal Goal { get; }

    public bool CancelRequested { get; internal set; }

    public bool IsFinished => Volatile.Read(ref _finished) != 0;

    public void SendFeedback(TFeedback feedback)
    {
        if (_wantsFeedback && !IsFinished)
        {
            _session.Send(RosbridgeFrames.ActionFeedback(Action, Id, feedback, _feedback));
        }
    }

    /// <summary>Ends the goal with a GoalStatus code (Succeeded, Canceled, Aborted) and its result.</summary>
    public void Finish(sbyte status, TResult result)
    {
        if (Interlocked.Exchange(ref _finished, 1) == 0)
        {
            _session.Send(RosbridgeFrames.ActionResult(Action, Id, status, true, result, _result));
        }
    }
}
