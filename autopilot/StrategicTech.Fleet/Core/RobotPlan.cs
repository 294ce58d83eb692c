using StrategicTech.Drivers.Vda5050.Messages;

namespace StrategicTech.Fleet.Core;

/// <summary>
/// One robot's VDA 5050 order: the vertices it passes (its start, then the target of each move), how many moves
/// are released (the base; the rest is the horizon) and the node actions (<c>pick</c>, <c>drop</c>,
/// <c>startCharging</c>). An episode's plan is fixed with one action at its last node; a lifelong plan grows window
/// by window (<see cref="Append"/>), each growth going out as an order update, and carries an action wherever a
/// window reached the robot's goal.
/// </summary>
public sealed class RobotPlan
{
    private readonly List<int> _nodeVertices;
    private readonly List<PlanAction> _actions = [];

    public RobotPlan(int robotIndex, IEnumerable<int> nodeVertices, string orderId, string? finalActionType, string finalActionId)
    {
        RobotIndex = robotIndex;
        _nodeVertices = [.. nodeVertices];
        OrderId = orderId;
        if (finalActionType is not null)
        {
            _actions.Add(new PlanAction(MoveCount, finalActionType, finalActionId));
        }
    }

    public int RobotIndex { get; }

    public IReadOnlyList<int> NodeVertices => _nodeVertices;

    public int MoveCount => _nodeVertices.Count - 1;

    public string OrderId { get; }

    public uint OrderUpdateId { get; set; }

    /// <summary>Moves released to the robot (its base ends at node index <see cref="ReleasedMoves"/>); -1 before the first order is sent.</summary>
    public int ReleasedMoves { get; set; } = -1;

    public int DoneMoves { get; set; }

    /// <summary>Released move count of each update sent (index = orderUpdateId), to resend an update the robot missed.</summary>
    public List<int> ReleasedByUpdate { get; } = [];

    /// <summary>When the order or its last update was last sent (µs, fleet clock).</summary>
    public long LastSentUs { get; set; }

    /// <summary>Node actions in node order.</summary>
    public IReadOnlyList<PlanAction> Actions => _actions;

    /// <summary>The robot was lost during the episode: its plan no longer counts (a cancelOrder meets it if it comes back).</summary>
    public bool Abandoned { get; set; }

    /// <summary>Every move driven and every action done (or failed).</summary>
    public bool Finished => DoneMoves == MoveCount && _actions.TrueForAll(a => a.Terminal);

    /// <summary>An action whose outcome is not yet applied.</summary>
    public bool HasUnappliedAction => !_actions.TrueForAll(a => a.Applied);

    /// <summary>Whether the last node may still be changed: it is not yet in a base the robot was sent (VDA 5050: the base is fixed).</summary>
    public bool LastNodeInHorizon => ReleasedMoves < MoveCount;

    /// <summary>Extends the plan by <paramref name="vertices"/> (the targets of further moves) and an optional action at its new last node.</summary>
    public void Append(IEnumerable<int> vertices, string? actionType, string actionId)
    {
        ArgumentNullException.ThrowIfNull(vertices);
        _nodeVertices.AddRange(vertices);
        if (actionType is not null)
        {
            if (!LastNodeInHorizon)
            {
                throw new InvalidOperationException($"order {OrderId}: node {MoveCount} is released; its actions are fixed");
            }

            _actions.Add(new PlanAction(MoveCount, actionType, actionId));
        }
    }

    /// <summary>Takes the robot's reported action statuses into this plan's actions.</summary>
    public void TakeActionStates(List<ActionState> states)
    {
        ArgumentNullException.ThrowIfNull(states);
        foreach (ActionState s in states)
        {
            PlanAction? a = _actions.Find(x => x.Id == s.ActionId);
            if (a is not null)
            {
                a.Finished |= s.ActionStatus == ActionStatus.Finished;
                a.Failed |= s.ActionStatus == ActionStatus.Failed;
            }
        }
    }
}
