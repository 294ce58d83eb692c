using StrategicTech.Fleet.Execution;

namespace StrategicTech.Fleet.Core;

/// <summary>
/// Lifelong planning between two rebases: a fixed set of robots whose plan grows window by window in one
/// <see cref="LifelongDependencyGraph"/>. A robot's moves go out as one continuous VDA 5050 order (a
/// <see cref="RobotPlan"/>) that each window extends: the new cells are horizon nodes until the graph releases
/// them, and each release is an order update stitched at the last released node, so a robot whose next cells are
/// free drives on without stopping at a window boundary. Only when a window puts an action on a node the robot
/// was already sent as base (the base is fixed) does a new order follow, sent once the previous one is finished.
/// A rebase (a robot lost or a robot joining) stops releasing, waits until every robot has driven what it was
/// given, and ends the session.
/// </summary>
public sealed class LifelongSession
{
    private readonly List<(RobotPlan Plan, int FirstMove)>[] _plans;

    public LifelongSession(int number, int[] participantOf, int[] startVertices)
    {
        ArgumentNullException.ThrowIfNull(participantOf);
        Number = number;
        ParticipantOf = participantOf;
        Graph = new LifelongDependencyGraph(startVertices);
        _plans = new List<(RobotPlan, int)>[participantOf.Length];
        for (int p = 0; p < _plans.Length; p++)
        {
            _plans[p] = [];
        }
    }

    public int Number { get; }

    /// <summary>Robot index of each participant (participant index = graph robot index).</summary>
    public int[] ParticipantOf { get; }

    public LifelongDependencyGraph Graph { get; }

    public int Windows { get; set; }

    /// <summary>Rebasing: nothing more is released or planned; the session ends once every robot has driven its releases.</summary>
    public bool Aborting { get; set; }

    /// <summary>Session clock time (µs) before which no window is tried again after a planning failure.</summary>
    public long RetryAfterUs { get; set; }

    /// <summary>Session clock time (µs) when it was last checked whether a window is due; long.MinValue / 2 before the first.</summary>
    public long LastWindowUs { get; set; } = long.MinValue / 2;

    public int ParticipantIndexOf(int robotIndex) => Array.IndexOf(ParticipantOf, robotIndex);

    /// <summary>The participant's order being driven (or next to be sent); null when it has none.</summary>
    public RobotPlan? ActivePlan(int participant) => _plans[participant].Count > 0 ? _plans[participant][0].Plan : null;

    /// <summary>The participant's latest order, the one a new window extends; null when it has none.</summary>
    public RobotPlan? OpenPlan(int participant) => _plans[participant].Count > 0 ? _plans[participant][^1].Plan : null;

    /// <summary>Orders of the participant not yet completed (the active one and those queued behind it).</summary>
    public int PlanCount(int participant) => _plans[participant].Count;

    /// <summary>Global graph index of the active plan's first move.</summary>
    public int ActiveFirstMove(int participant) => _plans[participant][0].FirstMove;

    /// <summary>Whether an order of the participant still carries an action (pick, drop, charge) whose outcome is not yet taken.</summary>
    public bool HasPendingAction(int participant) => _plans[participant].Exists(x => x.Plan.HasUnappliedAction);

    public void Enqueue(int participant, RobotPlan plan, int firstMove) => _plans[participant].Add((plan, firstMove));

    /// <summary>Drops the active plan (it is finished and another follows).</summary>
    public void Complete(int participant) => _plans[participant].RemoveAt(0);

    /// <summary>Drops every plan of the participant (it was lost).</summary>
    public void Clear(int participant) => _plans[participant].Clear();
}
