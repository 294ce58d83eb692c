using System.Globalization;
using StrategicTech.Drivers.Vda5050.Messages;
using StrategicTech.Fleet.Execution;

namespace StrategicTech.Fleet.Core;

/// <summary>
/// Lifelong planning (<see cref="PlanningMode.Lifelong"/>), windowed as in RHCR (Li et al., AAAI 2021): whenever a
/// robot with somewhere to go is about to run out of committed moves, every robot of the session is planned from
/// where its committed plan ends, to its current goal (LaCAM, as for episodes, with the cells of robots outside the
/// session and of pinned robots blocked), and the first <see cref="FleetManagerOptions.LifelongCommitSteps"/> steps
/// are committed into the session's growing dependency graph; the rest is planned again in the next window. A
/// robot that is done gets its next goal in the next window without waiting for the others; the graph orders
/// every shared cell across windows, so a delayed robot only ever holds up the robots that would enter a cell
/// after it. A robot's windows extend one VDA 5050 order (horizon nodes, released by order updates as the graph
/// allows), so it drives through window boundaries without stopping. Paused, stopped and charging robots are pinned where their plan ends. A lost robot, or a robot that
/// can join (first heard, resumed after being left out), rebases: releases stop, everyone drives what it holds,
/// and a new session starts from where the robots stand.
/// </summary>
public sealed partial class FleetManager
{
    private LifelongSession? _session;
    private int _sessionCount;
    private int _windowCount;

    /// <summary>Lifelong: windows planned and committed so far.</summary>
    public int WindowsPlanned => _windowCount;

    /// <summary>Lifelong: sessions started (the first one plus one per rebase).</summary>
    public int SessionsStarted => _sessionCount;

    /// <summary>Lifelong: committed moves not yet driven, summed over the session's robots and the largest of one robot (0, 0 without a session).</summary>
    public (int Total, int Max) CommittedAheadMoves()
    {
        int total = 0, max = 0;
        if (_session is { } session)
        {
            for (int p = 0; p < session.ParticipantOf.Length; p++)
            {
                int ahead = session.Graph.MoveCount(p) - session.Graph.DoneCount(p);
                total += ahead;
                max = Math.Max(max, ahead);
            }
        }

        return (total, max);
    }

    private void TickLifelong()
    {
        if (_session is { } session)
        {
            AdvanceLifelong(session);
            if (!session.Aborting && HasJoiner(session))
            {
                session.Aborting = true; // its cell may lie on committed paths: plan afresh with it
            }

            if (session.Aborting)
            {
                if (Settled(session))
                {
                    _session = null;
                }
            }
            else
            {
                ExtendIfDue(session);
                AdvanceLifelong(session);
            }
        }

        _session ??= TryStartSession();
    }

    private void OnLifelongState(int robotIndex, State state)
    {
        int participant = _session?.ParticipantIndexOf(robotIndex) ?? -1;
        RobotPlan? plan = participant >= 0 ? _session!.ActivePlan(participant) : null;
        if (plan is null || plan.Abandoned || state.OrderId != plan.OrderId)
        {
            return;
        }

        int reached = (int)Math.Min(state.LastNodeSequenceId / 2, (uint)plan.MoveCount);
        if (reached > plan.DoneMoves)
        {
            plan.DoneMoves = reached;
            _session!.Graph.ReportDone(participant, _session.ActiveFirstMove(participant) + reached);
        }

        plan.TakeActionStates(state.ActionStates);
    }

    /// <summary>
    /// Takes the outcome of every action done (a pick, drop or charge takes effect at once, the order driving on),
    /// moves on past a finished order another one follows, and releases what the graph allows.
    /// </summary>
    private void AdvanceLifelong(LifelongSession session)
    {
        for (int p = 0; p < session.ParticipantOf.Length; p++)
        {
            if (!_robots[session.ParticipantOf[p]].Online)
            {
                continue;
            }

            while (session.ActivePlan(p) is { } active)
            {
                ApplyOutcome(active);
                if (!active.Finished || session.PlanCount(p) == 1)
                {
                    break; // the last order stays open: the next window extends it by an update
                }

                session.Complete(p);
            }

            if (!session.Aborting && session.ActivePlan(p) is { } plan)
            {
                if (!Confirmed(plan))
                {
                    ResendIfMissed(plan); // an update stitched at a base the robot does not hold would be refused
                    continue;
                }

                int end = session.Graph.ReleasableEnd(p) - session.ActiveFirstMove(p);
                ReleaseUpTo(plan, Math.Clamp(end, 0, plan.MoveCount));
            }
        }
    }

    /// <summary>
    /// Whether the robot's state shows the order and its latest update: only then is the next update stitched at a
    /// base the robot holds. A continuous order's horizon is never released past what the robot confirmed, so a
    /// robot that missed an update (broker restart, dropped connection) gets it again, stitched at the base it
    /// reported, before anything further, and never a release it cannot stitch.
    /// </summary>
    private bool Confirmed(RobotPlan plan)
    {
        FleetRobot robot = _robots[plan.RobotIndex];
        return plan.ReleasedMoves < 0 || (robot.ReportedOrderId == plan.OrderId && robot.ReportedOrderUpdateId >= plan.OrderUpdateId);
    }

    private bool HasJoiner(LifelongSession session)
    {
        for (int i = 0; i < _robots.Count; i++)
        {
            if (_robots[i].Available && session.ParticipantIndexOf(i) < 0)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Every robot still heard has driven all it was released (and finished the actions of the nodes it reached).</summary>
    private bool Settled(LifelongSession session)
    {
        for (int p = 0; p < session.ParticipantOf.Length; p++)
        {
            RobotPlan? plan = session.ActivePlan(p);
            if (!_robots[session.ParticipantOf[p]].Online || plan is null || plan.Abandoned || plan.ReleasedMoves < 0)
            {
                continue;
            }

            if (plan.DoneMoves < plan.ReleasedMoves || plan.Actions.Any(a => a.Node <= plan.DoneMoves && !a.Terminal))
            {
                return false;
            }
        }

        return true;
    }

    private LifelongSession? TryStartSession()
    {
        UpdateCharging();
        Allocate();
        List<int> participants = [.. Enumerable.Range(0, _robots.Count).Where(i => _robots[i].Available)];
        if (participants.Count == 0 || participants.Exists(i => _robots[i].Driving))
        {
            return null; // start only from standing robots: one still driving is not where its last node says
        }

        var session = new LifelongSession(++_sessionCount, [.. participants], [.. participants.Select(i => _robots[i].Vertex)]);
        ExtendIfDue(session);
        AdvanceLifelong(session);
        return session;
    }

    /// <summary>Plans and commits the next window when a robot with somewhere to go is about to run out of committed moves.</summary>
    private void ExtendIfDue(LifelongSession session)
    {
        if (_clock.TimeUs < session.RetryAfterUs || _clock.TimeUs < session.LastWindowUs + _options.LifelongWindowPeriodUs)
        {
            return;
        }

        session.LastWindowUs = _clock.TimeUs; // choosing goals costs a search per robot: once per period is enough

        UpdateCharging();
        Allocate();
        LifelongDependencyGraph graph = session.Graph;
        var blocked = new HashSet<int>();
        for (int i = 0; i < _robots.Count; i++)
        {
            if (session.ParticipantIndexOf(i) < 0 && _robots[i].Vertex >= 0)
            {
                // Lost, offline, paused or stopped since before the session: an obstacle where it is. What a lost robot
                // may still hold only shrinks, and a robot outside stays outside, so a cell freed here stays free.
                blocked.Add(_robots[i].Vertex);
                blocked.UnionWith(_robots[i].HeldVertices);
            }
        }

        var movers = new List<int>();
        for (int p = 0; p < session.ParticipantOf.Length; p++)
        {
            FleetRobot robot = _robots[session.ParticipantOf[p]];
            bool pinned = !robot.Online || robot.Paused || robot.EStopped || (robot.Charging && robot.NeedsCharge);
            if (pinned)
            {
                blocked.Add(graph.EndVertex(p));
            }
            else
            {
                movers.Add(p);
            }
        }

        if (movers.Count == 0)
        {
            return;
        }

        int[] starts = [.. movers.Select(graph.EndVertex)];
        bool[] hold = [.. movers.Select(session.HasPendingAction)];
        var (goals, actions) = ChooseGoals([.. movers.Select(p => session.ParticipantOf[p])], starts, hold, blocked);
        bool due = false;
        for (int m = 0; m < movers.Count && !due; m++)
        {
            bool wants = goals[m] != starts[m] || actions[m] is not null;
            due = wants && graph.MoveCount(movers[m]) - graph.DoneCount(movers[m]) <= _options.LifelongLeadMoves;
        }

        if (!due)
        {
            return;
        }

        HoldRobotsAhead(session, movers, starts, goals, actions);
        if (!EpisodePlanner.TryPlan(_site, starts, goals, blocked, _clock, _options.PlanningBudgetUs, out int[][] paths, out _, out _, _options.LifelongCommitSteps))
        {
            PlanningFailures++;
            session.RetryAfterUs = _clock.TimeUs + ResendAfterUs;
            return;
        }

        Commit(session, movers, paths, actions);
    }

    /// <summary>
    /// RHCR's bound on commitment: a robot with more than <see cref="FleetManagerOptions.LifelongMaxAheadMoves"/>
    /// committed moves not yet driven gets no new goal in this window (it keeps its place unless it must make way),
    /// so no robot's commitment runs more than about one window ahead of its execution and a robot's new moves do
    /// not queue behind traffic committed far into the future.
    /// </summary>
    private void HoldRobotsAhead(LifelongSession session, List<int> movers, int[] starts, int[] goals, string?[] actions)
    {
        if (_options.LifelongMaxAheadMoves <= 0)
        {
            return;
        }

        var held = new HashSet<int>();
        for (int m = 0; m < movers.Count; m++)
        {
            if (session.Graph.MoveCount(movers[m]) - session.Graph.DoneCount(movers[m]) > _options.LifelongMaxAheadMoves)
            {
                held.Add(starts[m]);
            }
        }

        // A robot whose goal is where a held robot stays is held too (goals stay distinct), until none is.
        bool changed = held.Count > 0;
        while (changed)
        {
            changed = false;
            for (int m = 0; m < movers.Count; m++)
            {
                if (goals[m] != starts[m] && (held.Contains(starts[m]) || held.Contains(goals[m])))
                {
                    goals[m] = starts[m];
                    actions[m] = null;
                    changed |= held.Add(starts[m]);
                }
                else if (held.Contains(starts[m]))
                {
                    actions[m] = null;
                }
            }
        }
    }

    /// <summary>Appends the first committed steps of the movers' paths (pinned robots stay) and extends each robot's continuous order by its share.</summary>
    private void Commit(LifelongSession session, List<int> movers, int[][] paths, string?[] actions)
    {
        int length = Math.Min(_options.LifelongCommitSteps, paths.Max(p => p.Length) - 1) + 1;
        var window = new int[session.ParticipantOf.Length][];
        for (int p = 0; p < window.Length; p++)
        {
            window[p] = Enumerable.Repeat(session.Graph.EndVertex(p), length).ToArray();
        }

        for (int m = 0; m < movers.Count; m++)
        {
            int[] path = paths[m];
            for (int t = 0; t < length; t++)
            {
                window[movers[m]][t] = path[Math.Min(t, path.Length - 1)];
            }
        }

        int[] firstMove = [.. Enumerable.Range(0, window.Length).Select(session.Graph.MoveCount)];
        if (!session.Graph.TryAppend(window, out _))
        {
            PlanningFailures++; // cannot happen for a prefix of a plan the one-shot graph accepted
            return;
        }

        int number = ++session.Windows;
        _windowCount++;
        for (int m = 0; m < movers.Count; m++)
        {
            int p = movers[m];
            int moves = session.Graph.MoveCount(p) - firstMove[p];
            string? action = paths[m].Length <= length ? actions[m] : null; // goal reached within the window
            if (moves == 0 && action is null)
            {
                continue;
            }

            int[] targets = [.. Enumerable.Range(firstMove[p], moves).Select(k => session.Graph.Action(p, k).ToVertex)];
            string actionId = action is null ? string.Empty : NextActionId();
            RobotPlan? open = session.OpenPlan(p);
            if (open is not null && _options.LifelongContinuousOrders && (moves > 0 || action is null || open.LastNodeInHorizon))
            {
                open.Append(targets, action, actionId); // goes out as an order update when the graph releases it
                continue;
            }

            // An action on a node the robot already holds as base: a new order, sent once the open one is finished.
            FleetRobot robot = _robots[session.ParticipantOf[p]];
            string orderId = string.Create(CultureInfo.InvariantCulture, $"{robot.SerialNumber}-{_runId}-L{session.Number}.{number}");
            session.Enqueue(p, new RobotPlan(session.ParticipantOf[p], [window[p][0], .. targets], orderId, action, actionId), firstMove[p]);
        }
    }
}
