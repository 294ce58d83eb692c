namespace StrategicTech.Fleet.Core;

/// <summary>
/// One robot's part of a planned episode: the vertices it passes (its start, then the target of each move), the
/// VDA 5050 order carrying them, how many moves are released (the base; the rest is the horizon) and the action
/// at the last node (<c>pick</c>, <c>drop</c>, <c>startCharging</c> or none).
/// </summary>
public sealed class RobotPlan(int robotIndex, int[] nodeVertices, string orderId, string? finalActionType, string finalActionId)
{
    public int RobotIndex { get; } = robotIndex;

    public int[] NodeVertices { get; } = nodeVertices;

    public int MoveCount => NodeVertices.Length - 1;

    public string OrderId { get; } = orderId;

    public uint OrderUpdateId { get; set; }

    /// <summary>Moves released to the robot (its base ends at node index <see cref="ReleasedMoves"/>); -1 before the first order is sent.</summary>
    public int ReleasedMoves { get; set; } = -1;

    public int DoneMoves { get; set; }

    /// <summary>Released move count of each update sent (index = orderUpdateId), to resend an update the robot missed.</summary>
    public List<int> ReleasedByUpdate { get; } = [];

    /// <summary>When the order or its last update was last sent (µs, fleet clock).</summary>
    public long LastSentUs { get; set; }

    public string? FinalActionType { get; } = finalActionType;

    public string FinalActionId { get; } = finalActionId;

    /// <summary>The robot was lost during the episode: its plan no longer counts (a cancelOrder meets it if it comes back).</summary>
    public bool Abandoned { get; set; }

    public bool FinalActionFinished { get; set; }

    public bool FinalActionFailed { get; set; }

    public bool Finished => DoneMoves == MoveCount && (FinalActionType is null || FinalActionFinished || FinalActionFailed);
}
