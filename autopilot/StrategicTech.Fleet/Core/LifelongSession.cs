using StrategicTech.Fleet.Execution;

namespace StrategicTech.Fleet.Core;

/// <summary>
/// Lifelong planning between two rebases: a fixed set of robots whose plan grows window by window in one
/// <see cref="LifelongDependencyGraph"/>. Each robot's moves of one window go out as one VDA 5050 order (a
/// <see cref="RobotPlan"/>, with the pick, drop or charge action when its goal is reached in that window); a
/// robot's orders are sent one after the other, the next once the previous one is finished. A rebase (a robot lost
/// or a robot joining) stops releasing, waits until every robot has driven what it was given, and ends the session.
/// </summary>
public sealed class LifelongSession
{
    private readonly Queue<(RobotPlan Plan, int FirstMove)>[] _plans;

    public LifelongSession(int number, int[] participantOf, int[] startVertices)
    {
        ArgumentNullException.ThrowIfNull(participantOf);
        Number = number;
        ParticipantOf = participantOf;
        Graph = new LifelongDependencyGraph(startVertices);
        _plans = new Queue<(RobotPlan, int)>[participantOf.Length];
        for (int p = 0; p < _plans.Length; p++)
        {
            _plans[p] = new();
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

    public int ParticipantIndexOf(int robotIndex) => Array.IndexOf(ParticipantOf, robotIndex);

    /// <summary>The participant's order being driven (or next to be sent); null when it has none left.</summary>
    public RobotPlan? ActivePlan(int participant) => _plans[participant].Count > 0 ? _plans[participant].Peek().Plan : null;

    /// <summary>Global graph index of the active plan's first move.</summary>
    public int ActiveFirstMove(int participant) => _plans[participant].Peek().FirstMove;

    /// <summary>Whether a committed order of the participant still carries an action (pick, drop, charge) not yet finished.</summary>
    public bool HasPendingAction(int participant)
    {
        foreach (var (plan, _) in _plans[participant])
        {
            if (plan.FinalActionType is not null)
            {
                return true;
            }
        }

        return false;
    }

    public void Enqueue(int participant, RobotPlan plan, int firstMove) => _plans[participant].Enqueue((plan, firstMove));

    /// <summary>Drops the active plan (it is finished).</summary>
    public void Complete(int participant) => _plans[participant].Dequeue();

    /// <summary>Drops every plan of the participant (it was lost).</summary>
    public void Clear(int participant) => _plans[participant].Clear();
}
