using System.Globalization;
using StrategicTech.Drivers.Vda5050.Messages;
using StrategicTech.Fleet.Allocation;
using StrategicTech.Fleet.Execution;
using StrategicTech.Fleet.Orders;
using StrategicTech.Fleet.Site;
using StrategicTech.Navigation.Time;

namespace StrategicTech.Fleet.Core;

/// <summary>
/// The fleet manager's logic, transport-free: it takes accepted orders, robot states and connection messages,
/// allocates orders to idle robots by optimal assignment over travel time, plans every movable robot together
/// (episodes of one-shot MAPF), releases moves through the action dependency graph as VDA 5050 order updates,
/// sends low robots to chargers, pauses and stops robots on request, and re-allocates the order of a lost robot.
/// Thread-safe by one lock (not a real-time path); messages to send are collected in an outbox the host drains.
/// </summary>
public sealed partial class FleetManager
{
    private const long ResendAfterUs = 1_000_000;
    private readonly Lock _gate = new();
    private readonly FleetSite _site;
    private readonly IFleetStore _store;
    private readonly IClock _clock;
    private readonly TimeProvider _time;
    private readonly FleetManagerOptions _options;
    private readonly List<FleetRobot> _robots = [];
    private readonly Dictionary<string, int> _robotIndex = new(StringComparer.Ordinal);
    private readonly Dictionary<string, TransportOrder> _orders = new(StringComparer.Ordinal);
    private readonly List<OutgoingMessage> _outbox = [];
    private readonly int[] _chargers;
    private readonly string _runId;
    private Episode? _episode;
    private int _episodeCount;
    private int _actionCount;

    public FleetManager(FleetSite site, IFleetStore store, IClock clock, TimeProvider time, FleetManagerOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(site);
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(clock);
        ArgumentNullException.ThrowIfNull(time);
        _site = site;
        _store = store;
        _clock = clock;
        _time = time;
        _options = options ?? new FleetManagerOptions();
        _chargers = _options.Chargers.Select(id => site.TryParseLocation(id, out int v, out string? p) ? v : throw new ArgumentException($"charger {p}")).ToArray();
        // Order ids must differ from any a robot may still hold from an earlier run of this process.
        _runId = time.GetUtcNow().ToUnixTimeMilliseconds().ToString("x", CultureInfo.InvariantCulture);
        Restore();
    }

    public FleetSite Site => _site;

    public long PlanningFailures { get; private set; }

    public int EpisodesRun => _episodeCount;

    /// <summary>cancelOrder instant actions sent to robots that came back holding an order given up while they were lost.</summary>
    public long StaleOrdersCancelled { get; private set; }

    /// <summary>Validates, stores durably and queues an order; returns the stored order and whether it is new.</summary>
    public async Task<(TransportOrder Order, bool Created)> AcceptAsync(
        string? id, string from, string to, string? load, int priority, DateTimeOffset? deadline, CancellationToken cancellation)
    {
        if (!_site.TryParseLocation(from, out _, out string? problem) || !_site.TryParseLocation(to, out _, out problem))
        {
            throw new ArgumentException(problem);
        }

        if (from == to)
        {
            throw new ArgumentException($"from and to are both '{from}'");
        }

        var order = new TransportOrder(
            string.IsNullOrEmpty(id) ? Guid.NewGuid().ToString("N") : id, from, to, load ?? string.Empty, priority, TransportOrder.ToMicroseconds(deadline),
            0, OrderPhase.Pending, null, _time.GetUtcNow(), null, null);
        TransportOrder stored = await _store.AcceptAsync(order, cancellation).ConfigureAwait(false);
        lock (_gate)
        {
            bool created = stored.SameRequestAs(order) && !_orders.ContainsKey(stored.Id);
            if (_orders.TryAdd(stored.Id, stored))
            {
                ShowStored(stored);
            }

            return (CommittedOrder(stored.Id)!, created); // a retry sees what is committed, not what is only in memory
        }
    }

    public IReadOnlyList<TransportOrder> Orders()
    {
        lock (_gate)
        {
            return [.. _orders.Values.OrderBy(o => o.Sequence)];
        }
    }

    public TransportOrder? Order(string id)
    {
        lock (_gate)
        {
            return _orders.GetValueOrDefault(id);
        }
    }

    public IReadOnlyList<FleetRobot> Robots()
    {
        lock (_gate)
        {
            return [.. _robots];
        }
    }

    /// <summary>Messages queued for robots since the last call.</summary>
    public IReadOnlyList<OutgoingMessage> DrainOutbox()
    {
        lock (_gate)
        {
            OutgoingMessage[] messages = [.. _outbox];
            _outbox.Clear();
            return messages;
        }
    }

    public void OnConnection(Connection message)
    {
        ArgumentNullException.ThrowIfNull(message);
        lock (_gate)
        {
            FleetRobot robot = RobotFor(message.Manufacturer, message.SerialNumber, out int index);
            bool online = message.ConnectionState == ConnectionState.Online;
            if (robot.Online && !online)
            {
                HandleLoss(index);
            }

            robot.Online = online;
        }
    }

    /// <summary>Keeps a robot's factsheet (2.x layout).</summary>
    public void OnFactsheet(Factsheet message)
    {
        ArgumentNullException.ThrowIfNull(message);
        lock (_gate)
        {
            RobotFor(message.Manufacturer, message.SerialNumber, out _).Factsheet = RobotFactsheet.Of(message);
        }
    }

    /// <summary>Keeps a robot's factsheet (3.0 layout).</summary>
    public void OnFactsheet(FactsheetV3 message)
    {
        ArgumentNullException.ThrowIfNull(message);
        lock (_gate)
        {
            RobotFor(message.Manufacturer, message.SerialNumber, out _).Factsheet = RobotFactsheet.Of(message);
        }
    }

    public void OnState(State state)
    {
        ArgumentNullException.ThrowIfNull(state);
        lock (_gate)
        {
            FleetRobot robot = RobotFor(state.Manufacturer, state.SerialNumber, out int index);
            CancelStaleOrder(robot, state);
            robot.Online = true;
            robot.HeldVertices.Clear();
            robot.HeldAfterBase.Clear();
            robot.BatteryPercent = state.BatteryState.BatteryChargePercent;
            robot.Charging = state.BatteryState.Charging;
            robot.Driving = state.Driving;
            robot.ReportedOrderId = state.OrderId;
            robot.ReportedOrderUpdateId = state.OrderUpdateId;
            if (_site.TryParseLocation(state.LastNodeId, out int v))
            {
                robot.Vertex = v;
            }
            else if (state.AgvPosition is { } p && robot.Vertex < 0)
            {
                robot.Vertex = _site.Graph.VertexAt((int)Math.Floor(p.XM / _site.CellSizeM), (int)Math.Floor(p.YM / _site.CellSizeM));
            }

            if (_options.Planning == PlanningMode.Lifelong)
            {
                OnLifelongState(index, state);
                return;
            }

            if (_episode is null)
            {
                return;
            }

            int participant = _episode.ParticipantIndexOf(index);
            RobotPlan? plan = participant >= 0 ? _episode.Plans[participant] : null;
            if (plan is null || plan.Abandoned || state.OrderId != plan.OrderId)
            {
                return;
            }

            int reached = (int)Math.Min(state.LastNodeSequenceId / 2, (uint)plan.MoveCount);
            if (reached > plan.DoneMoves)
            {
                plan.DoneMoves = reached;
                _episode.Executor.ReportDone(participant, reached);
            }

            plan.TakeActionStates(state.ActionStates);
        }
    }

    /// <summary>Pauses (or e-stops: paused and held out of work until resumed) the given robots.</summary>
    public int Pause(IEnumerable<string> serialNumbers, bool emergency)
    {
        ArgumentNullException.ThrowIfNull(serialNumbers);
        lock (_gate)
        {
            int n = 0;
            foreach (string serial in serialNumbers)
            {
                if (_robotIndex.TryGetValue(serial, out int i))
                {
                    _robots[i].Paused = true;
                    _robots[i].EStopped |= emergency;
                    Instant(_robots[i], "startPause");
                    n++;
                }
            }

            return n;
        }
    }

    public int Resume(IEnumerable<string> serialNumbers)
    {
        ArgumentNullException.ThrowIfNull(serialNumbers);
        lock (_gate)
        {
            int n = 0;
            foreach (string serial in serialNumbers)
            {
                if (_robotIndex.TryGetValue(serial, out int i))
                {
                    _robots[i].Paused = false;
                    _robots[i].EStopped = false;
                    Instant(_robots[i], "stopPause");
                    n++;
                }
            }

            return n;
        }
    }

    /// <summary>Serial numbers of the robots whose last node lies in the cell rectangle (inclusive).</summary>
    public IReadOnlyList<string> RobotsInZone(int x0, int y0, int x1, int y1)
    {
        lock (_gate)
        {
            return _robots.Where(r => r.Vertex >= 0 && Inside(_site.Graph.CellOf(r.Vertex))).Select(r => r.SerialNumber).ToList();
        }

        bool Inside(Navigation.Planning.Grid.GridCell c) =>
            c.X >= Math.Min(x0, x1) && c.X <= Math.Max(x0, x1) && c.Y >= Math.Min(y0, y1) && c.Y <= Math.Max(y0, y1);
    }

    public IReadOnlyList<string> AllRobots()
    {
        lock (_gate)
        {
            return _robots.Select(r => r.SerialNumber).ToList();
        }
    }

    /// <summary>Advances the fleet: releases moves whose dependencies are done, closes a finished episode, starts the next.</summary>
    public void Tick()
    {
        lock (_gate)
        {
            ShrinkLossHolds();
            if (_options.Planning == PlanningMode.Lifelong)
            {
                TickLifelong();
                return;
            }

            if (_episode is not null)
            {
                Release(_episode);
                if (IsOver(_episode))
                {
                    Close(_episode);
                    _episode = null;
                }
            }

            if (_episode is null)
            {
                _episode = TryStartEpisode();
            }
        }
    }

    private void Restore()
    {
        foreach (TransportOrder o in _store.LoadAll())
        {
            // Where a robot was going is unknown after a restart: an order not yet picked up is allocated anew.
            _orders[o.Id] = o.Phase == OrderPhase.Assigned ? o with { Phase = OrderPhase.Pending, Robot = null } : o;
            ShowStored(_orders[o.Id]);
        }
    }

    private FleetRobot RobotFor(string manufacturer, string serial, out int index)
    {
        if (!_robotIndex.TryGetValue(serial, out index))
        {
            index = _robots.Count;
            _robots.Add(new FleetRobot(manufacturer, serial));
            _robotIndex.Add(serial, index);
            _robots[index].OrderId = LoadedOrderOf(serial);
        }

        return _robots[index];
    }

    /// <summary>
    /// A loaded order restored from the store belongs to this robot again. A method of its own, without a lambda: a
    /// lambda capturing <c>serial</c> in <see cref="RobotFor"/> made its closure (24 B) on every call, for every state.
    /// </summary>
    private string? LoadedOrderOf(string serial)
    {
        foreach (TransportOrder o in _orders.Values)
        {
            if (o.Phase == OrderPhase.Loaded && o.Robot == serial)
            {
                return o.Id;
            }
        }

        return null;
    }

    /// <summary>
    /// A robot heard again after a loss still holds the order it had then, which the master has since given up (its
    /// transport order went back to the pool): cancel it (again each second while its state still shows nodes of it)
    /// so the robot never drives on or picks for a stale order.
    /// </summary>
    private void CancelStaleOrder(FleetRobot robot, State state)
    {
        if (robot.StaleOrderId is not { } stale)
        {
            return;
        }

        bool pending = state.OrderId == stale && (state.NodeStates.Count > 0 || state.Driving
            || state.ActionStates.Exists(a => a.ActionStatus is not (ActionStatus.Finished or ActionStatus.Failed)));
        if (!pending)
        {
            robot.StaleOrderId = null;
            return;
        }

        if (_clock.TimeUs - robot.StaleCancelSentUs >= ResendAfterUs)
        {
            robot.StaleCancelSentUs = _clock.TimeUs;
            StaleOrdersCancelled++;
            Instant(robot, "cancelOrder");
        }
    }

    /// <summary>A lost robot that would have driven its base by now and is still silent holds only the cell it was heading to.</summary>
    private void ShrinkLossHolds()
    {
        foreach (FleetRobot robot in _robots)
        {
            if (!robot.Online && robot.HeldAfterBase.Count > 0 && _clock.TimeUs >= robot.HeldUntilUs)
            {
                robot.HeldVertices.Clear();
                robot.HeldVertices.AddRange(robot.HeldAfterBase);
                robot.HeldAfterBase.Clear();
            }
        }
    }

    private void HandleLoss(int index)
    {
        FleetRobot robot = _robots[index];
        if (robot.OrderId is { } id && _orders.TryGetValue(id, out TransportOrder? o))
        {
            Update(o.Phase == OrderPhase.Assigned
                ? o with { Phase = OrderPhase.Pending, Robot = null }
                : o with { Phase = OrderPhase.Failed, FailureReason = $"robot {robot.SerialNumber} lost with the load on board" });
            robot.OrderId = null;
        }

        int participant = _episode?.ParticipantIndexOf(index) ?? -1;
        if (participant >= 0)
        {
            _episode!.Aborting = true;
            if (_episode.Plans[participant] is { } plan)
            {
                HoldLostBase(robot, plan);
            }
        }
        else if ((_session?.ParticipantIndexOf(index) ?? -1) is >= 0 and int member)
        {
            _session!.Aborting = true;
            if (_session.ActivePlan(member) is { } plan)
            {
                HoldLostBase(robot, plan);
            }

            _session.Clear(member);
        }
    }

    private void HoldLostBase(FleetRobot robot, RobotPlan plan)
    {
        // A robot reports every node it reaches, and an AGV that lost its connection may drive on through the
        // base it holds (VDA 5050) or stop: while it could still be driving, every cell of the rest of the base
        // is held. A robot still silent after that is taken to have stopped: only the cell it was heading to
        // stays held (holding its base end for good would block that cell's orders until it returns).
        int last = Math.Min(plan.ReleasedMoves, plan.MoveCount);
        for (int m = plan.DoneMoves + 1; m <= last; m++)
        {
            robot.HeldVertices.Add(plan.NodeVertices[m]);
        }

        if (last > plan.DoneMoves)
        {
            robot.HeldAfterBase.Clear();
            robot.HeldAfterBase.Add(plan.NodeVertices[plan.DoneMoves + 1]);
            double driveS = (last - plan.DoneMoves) * _site.CellSizeM / _options.MaxSpeedMps;
            robot.HeldUntilUs = _clock.TimeUs + (long)(((1.5 * driveS) + 1) * 1e6); // the nominal drive with margin for acceleration and a node action
        }

        plan.Abandoned = true;
        robot.StaleOrderId = plan.OrderId;
    }

    private void Update(TransportOrder order) => _ = Persist(order); // the API shows it once committed (FleetManager.Committed.cs)

    private void Instant(FleetRobot robot, string actionType)
    {
        _outbox.Add(new OutgoingMessage(robot.Manufacturer, robot.SerialNumber, null, new InstantActions
        {
            HeaderId = 0,
            Timestamp = string.Empty,
            Version = string.Empty,
            Manufacturer = string.Empty,
            SerialNumber = string.Empty,
            // NONE: what VDA 5050 gives cancelOrder, startPause, stopPause and stateRequest; 3.0 allows no other on instant actions.
            Actions = [new Vda5050Action { ActionType = actionType, ActionId = NextActionId(), BlockingType = BlockingType.None }],
        }));
    }

    private string NextActionId() => string.Create(CultureInfo.InvariantCulture, $"{_runId}-a{++_actionCount}");

    private void Release(Episode episode)
    {
        if (episode.Aborting)
        {
            return;
        }

        for (int p = 0; p < episode.Plans.Length; p++)
        {
            RobotPlan? plan = episode.Plans[p];
            if (plan is null)
            {
                continue;
            }

            ReleaseUpTo(plan, episode.Executor.ReleasableEnd(p));
        }
    }

    /// <summary>Sends the moves newly releasable up to <paramref name="end"/> as the order or an update of it; else resends what the robot missed.</summary>
    private void ReleaseUpTo(RobotPlan plan, int end)
    {
        if (end > plan.ReleasedMoves)
        {
            int from = Math.Max(plan.ReleasedMoves, 0);
            if (plan.ReleasedMoves >= 0)
            {
                plan.OrderUpdateId++;
            }

            plan.ReleasedMoves = end;
            plan.ReleasedByUpdate.Add(end);
            Send(plan, from);
        }
        else
        {
            ResendIfMissed(plan);
        }
    }

    private void Send(RobotPlan plan, int fromNode)
    {
        FleetRobot robot = _robots[plan.RobotIndex];
        plan.LastSentUs = _clock.TimeUs;
        _outbox.Add(new OutgoingMessage(robot.Manufacturer, robot.SerialNumber, Vda5050OrderBuilder.Build(_site, plan, fromNode, plan.ReleasedMoves, _options.MaxSpeedMps), null));
    }

    /// <summary>
    /// Orders go at QoS 0 and a broker may restart: when the robot's state still shows an older order or update a
    /// while after sending, the order (from its first node) or the missed update (stitched at the base the robot
    /// holds) is sent again.
    /// </summary>
    private void ResendIfMissed(RobotPlan plan)
    {
        FleetRobot robot = _robots[plan.RobotIndex];
        if (_clock.TimeUs - plan.LastSentUs < ResendAfterUs || robot.Driving)
        {
            return;
        }

        if (robot.ReportedOrderId != plan.OrderId)
        {
            Send(plan, 0);
        }
        else if (robot.ReportedOrderUpdateId < plan.OrderUpdateId)
        {
            Send(plan, plan.ReleasedByUpdate[(int)robot.ReportedOrderUpdateId]);
        }
    }

    private bool IsOver(Episode episode)
    {
        foreach (RobotPlan? plan in episode.Plans)
        {
            if (plan is null || plan.Abandoned || !_robots[plan.RobotIndex].Online)
            {
                continue;
            }

            bool settled = episode.Aborting ? plan.DoneMoves >= plan.ReleasedMoves && (plan.DoneMoves < plan.MoveCount || plan.Finished) : plan.Finished;
            if (!settled)
            {
                return false;
            }
        }

        return true;
    }

    private void Close(Episode episode)
    {
        foreach (RobotPlan? plan in episode.Plans)
        {
            if (plan is not null)
            {
                ApplyOutcome(plan);
            }
        }
    }

    /// <summary>What the plan's finished actions, in node order, mean for the robot's order (picked, delivered) or the robot (charging); each is taken once.</summary>
    private void ApplyOutcome(RobotPlan plan)
    {
        foreach (PlanAction action in plan.Actions)
        {
            if (action.Terminal && !action.Applied)
            {
                action.Applied = true;
                if (action.Finished)
                {
                    ApplyOutcome(_robots[plan.RobotIndex], action.Type);
                }
            }
        }
    }

    private void ApplyOutcome(FleetRobot robot, string actionType)
    {
        TransportOrder? order = robot.OrderId is { } id ? _orders.GetValueOrDefault(id) : null;
        switch (actionType)
        {
            case "pick" when order is { Phase: OrderPhase.Assigned }:
                Update(order with { Phase = OrderPhase.Loaded });
                break;
            case "drop" when order is { Phase: OrderPhase.Loaded }:
                Update(order with { Phase = OrderPhase.Completed, CompletedAt = _time.GetUtcNow() });
                robot.OrderId = null;
                robot.OrdersCompleted++;
                break;
            case "startCharging":
                robot.Charging = true;
                break;
            default:
                break;
        }
    }

    private Episode? TryStartEpisode()
    {
        UpdateCharging();
        Allocate();
        var participants = new List<int>();
        var blocked = new HashSet<int>();
        for (int i = 0; i < _robots.Count; i++)
        {
            bool charging = _robots[i].Charging && _robots[i].NeedsCharge;
            if (_robots[i].Available && !charging)
            {
                participants.Add(i);
            }
            else if (_robots[i].Vertex >= 0)
            {
                blocked.Add(_robots[i].Vertex); // lost, offline, paused, stopped or on its charger: an obstacle where it is
                blocked.UnionWith(_robots[i].HeldVertices);
            }
        }

        if (participants.Count == 0 || participants.Exists(i => _robots[i].Driving))
        {
            return null; // plan only from standing robots: one still driving an earlier base is not where its last node says
        }

        int[] starts = participants.Select(i => _robots[i].Vertex).ToArray();
        var (goals, actions) = ChooseGoals(participants, starts, new bool[participants.Count], blocked);
        bool anything = false;
        for (int p = 0; p < participants.Count; p++)
        {
            anything |= goals[p] != starts[p] || actions[p] is not null;
        }

        if (!anything)
        {
            return null;
        }

        if (!EpisodePlanner.TryPlan(_site, starts, goals, blocked, _clock, _options.PlanningBudgetUs, out int[][] paths, out ActionDependencyGraph? graph, out _))
        {
            PlanningFailures++;
            return null;
        }

        int number = ++_episodeCount;
        var plans = new RobotPlan?[participants.Count];
        for (int p = 0; p < participants.Count; p++)
        {
            IReadOnlyList<AdgAction> moves = graph!.ActionsOf(p);
            if (moves.Count == 0 && actions[p] is null)
            {
                continue;
            }

            if (paths[p][^1] != goals[p])
            {
                actions[p] = null; // a rotation-free prefix ends short of the goal: no pick, drop or charge there
            }

            int[] nodes = [starts[p], .. moves.Select(m => m.ToVertex)];
            FleetRobot robot = _robots[participants[p]];
            plans[p] = new RobotPlan(participants[p], nodes, string.Create(CultureInfo.InvariantCulture, $"{robot.SerialNumber}-{_runId}-{number}"), actions[p], NextActionId());
        }

        var episode = new Episode(number, plans, new AdgExecutor(graph!), [.. participants]);
        Release(episode);
        return episode;
    }

    private void UpdateCharging()
    {
        foreach (FleetRobot robot in _robots)
        {
            if (robot.Charging && robot.NeedsCharge && robot.BatteryPercent >= _options.FullBatteryPercent)
            {
                robot.NeedsCharge = false;
                Instant(robot, "stopCharging");
                robot.Charging = false;
            }
            else if (_chargers.Length > 0 && robot.OrderId is null && robot.BatteryPercent < _options.LowBatteryPercent)
            {
                robot.NeedsCharge = true;
            }
        }
    }

    private void Allocate()
    {
        List<int> idle = [.. Enumerable.Range(0, _robots.Count).Where(i => _robots[i].Available && _robots[i].OrderId is null && !_robots[i].NeedsCharge)];
        List<TransportOrder> pending = [.. _orders.Values.Where(o => o.Phase == OrderPhase.Pending).OrderByDescending(o => o.Priority).ThenBy(o => o.Deadline ?? DateTimeOffset.MaxValue).ThenBy(o => o.Sequence)];
        if (idle.Count == 0 || pending.Count == 0)
        {
            return;
        }

        // Bound the matrix: the most urgent orders, a few per idle robot, compete in this round.
        if (pending.Count > 4 * idle.Count)
        {
            pending.RemoveRange(4 * idle.Count, pending.Count - (4 * idle.Count));
        }

        const double Unreachable = 1e9;
        var cost = new double[idle.Count, pending.Count];
        for (int o = 0; o < pending.Count; o++)
        {
            _site.TryParseLocation(pending[o].From, out int from, out _);
            int[] distance = Distances(from);
            for (int r = 0; r < idle.Count; r++)
            {
                int d = distance[_robots[idle[r]].Vertex];
                cost[r, o] = d < 0
                    ? Unreachable
                    : (d * _site.CellSizeM / _options.MaxSpeedMps) - (pending[o].Priority * _options.PrioritySecondsPerLevel);
            }
        }

        int[] assignment = HungarianAssignment.Solve(cost);
        for (int r = 0; r < idle.Count; r++)
        {
            int o = assignment[r];
            if (o < 0 || cost[r, o] >= Unreachable / 2)
            {
                continue;
            }

            FleetRobot robot = _robots[idle[r]];
            robot.OrderId = pending[o].Id;
            Update(pending[o] with { Phase = OrderPhase.Assigned, Robot = robot.SerialNumber });
        }
    }

    /// <summary>
    /// Goal and final action of each participant standing (or, lifelong, ending its committed plan) at
    /// <paramref name="here"/>; a participant marked in <paramref name="hold"/> still has an action to finish there
    /// and gets no new goal.
    /// </summary>
    private (int[] Goals, string?[] Actions) ChooseGoals(List<int> participants, int[] here, bool[] hold, HashSet<int> blocked)
    {
        var goals = new int[participants.Count];
        var actions = new string?[participants.Count];
        var taken = new HashSet<int>(blocked);
        var desired = new int[participants.Count];
        var desiredAction = new string?[participants.Count];
        for (int p = 0; p < participants.Count; p++)
        {
            FleetRobot robot = _robots[participants[p]];
            desired[p] = here[p];
            if (hold[p])
            {
                continue;
            }

            if (robot.OrderId is { } id && _orders.TryGetValue(id, out TransportOrder? o))
            {
                bool loaded = o.Phase == OrderPhase.Loaded;
                _site.TryParseLocation(loaded ? o.To : o.From, out desired[p], out _);
                desiredAction[p] = loaded ? "drop" : "pick";
            }
            else if (robot.NeedsCharge && !robot.Charging)
            {
                desiredAction[p] = "startCharging";
                desired[p] = -1; // chosen below among free chargers
            }
        }

        // Robots with somewhere to go choose first; the rest stay put or step aside.
        foreach (int p in Enumerable.Range(0, participants.Count).OrderBy(p => desiredAction[p] is null ? 1 : 0))
        {
            int at = here[p];

            // Around the robots that cannot move: a goal they wall in would make the whole instance unsolvable and
            // stop every robot, so that robot waits (its order stays with it) until the way opens.
            int[] d = Distances(at, blocked);
            if (desiredAction[p] == "startCharging")
            {
                desired[p] = _chargers.Where(c => !taken.Contains(c) && d[c] >= 0).OrderBy(c => d[c]).DefaultIfEmpty(-1).First();
            }

            if (desired[p] >= 0 && !taken.Contains(desired[p]) && d[desired[p]] >= 0)
            {
                goals[p] = desired[p];
                actions[p] = desiredAction[p];
            }
            else
            {
                goals[p] = !taken.Contains(at) ? at : NearestFree(d, at, taken);
            }

            taken.Add(goals[p]);
        }

        return (goals, actions);
    }

    private static int NearestFree(int[] d, int from, HashSet<int> taken)
    {
        int best = from;
        for (int v = 0; v < d.Length; v++)
        {
            if (d[v] >= 0 && !taken.Contains(v) && (best == from || d[v] < d[best]))
            {
                best = v;
            }
        }

        return best;
    }

    /// <summary>Breadth-first hop counts from a vertex (-1: unreachable).</summary>
    private int[] Distances(int from) => Distances(from, null);

    /// <summary>Breadth-first hop counts from a vertex not passing through <paramref name="blocked"/> (-1: unreachable or blocked).</summary>
    private int[] Distances(int from, HashSet<int>? blocked)
    {
        var d = new int[_site.Graph.VertexCount];
        Array.Fill(d, -1);
        var queue = new Queue<int>();
        d[from] = 0;
        queue.Enqueue(from);
        while (queue.Count > 0)
        {
            int v = queue.Dequeue();
            foreach (int w in _site.Graph.Neighbors(v))
            {
                if (d[w] < 0 && blocked?.Contains(w) != true)
                {
                    d[w] = d[v] + 1;
                    queue.Enqueue(w);
                }
            }
        }

        return d;
    }
}
