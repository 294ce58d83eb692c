using StrategicTech.Drivers.Vda5050.Messages;
using StrategicTech.Drivers.Vda5050.Zones;

namespace StrategicTech.Sim.Fleet;

/// <summary>
/// A lightweight kinematic AGV as VDA 5050 2.0 describes one: it drives the released nodes of its order in
/// sequence, straight along each edge at the edge's speed limit (or its own), runs node actions (pick and drop
/// take <see cref="HandlingS"/>; startCharging / stopCharging switch charging), takes order updates stitched at the
/// last base node, and the instant actions cancelOrder, startPause, stopPause, stateRequest and factsheetRequest. With
/// a zone set (3.0, <see cref="Zones"/>) it refuses an order or update whose edges break a zone that binds travel
/// (BLOCKED, DIRECTED, BIDIRECTED, LINE_GUIDED: <see cref="ZoneTravelRules"/>) with a noRouteError naming the edge and
/// zone, and drives nothing of it; a zone set that arrives later and forbids a step of an accepted order stops it in
/// front of the zone, with the same error, until the set allows the step. It has no on-board replanner: it drives only the order's edges, straight, so it
/// never replans on its own anywhere, COORDINATED_REPLANNING zones included (the master replans, by order updates).
/// Stepped by the caller's simulated time; not thread-safe (its host serialises calls).
/// </summary>
public sealed class SimulatedAgv
{
    public const double HandlingS = 2.0;
    private const double DrainPercentPerM = 0.05;
    private const double ChargePercentPerS = 2.0;

    private readonly List<Node> _nodes = [];
    private readonly List<Edge> _edges = [];
    private readonly List<ActionState> _actionStates = [];
    private readonly Queue<Vda5050Action> _nodeActions = new();
    private int _baseEnd = -1;   // index in _nodes of the last released node
    private int _next = -1;      // index of the node being driven to
    private Vda5050Action? _running;
    private double _runningLeftS;
    private bool _cancelRequested;

    public SimulatedAgv(string manufacturer, string serialNumber, string mapId, string startNodeId, double xM, double yM, double batteryPercent, double maxSpeedMps = 1.0)
    {
        Manufacturer = manufacturer;
        SerialNumber = serialNumber;
        MapId = mapId;
        LastNodeId = startNodeId;
        XM = xM;
        YM = yM;
        BatteryPercent = batteryPercent;
        MaxSpeedMps = maxSpeedMps;
    }

    public string Manufacturer { get; }

    public string SerialNumber { get; }

    public string MapId { get; }

    public double MaxSpeedMps { get; }

    /// <summary>The speed limit of the zones at a position (m/s; null: none), e.g. the VDA 5050 3.0 SPEED_LIMIT zones of its zone set; it caps the speed of each step from where the step starts.</summary>
    public Func<double, double, double?>? SpeedLimitAt { get; set; }

    /// <summary>The zone set the AGV obeys now (3.0: its enabled set), or null for none; read when an order arrives.</summary>
    public Func<ZoneSetDefinition?>? Zones { get; set; }

    public double XM { get; private set; }

    public double YM { get; private set; }

    public double ThetaRad { get; private set; }

    public string OrderId { get; private set; } = string.Empty;

    public uint OrderUpdateId { get; private set; }

    public string LastNodeId { get; private set; }

    public uint LastNodeSequenceId { get; private set; }

    public bool Driving { get; private set; }

    public bool Paused { get; private set; }

    public bool Charging { get; private set; }

    public double BatteryPercent { get; private set; }

    /// <summary>The last <see cref="Step"/> was spent on a node action (starting or running one), not on driving.</summary>
    public bool HandledLastStep { get; private set; }

    /// <summary>Driving or running an action.</summary>
    public bool Busy => Driving || _running is not null;

    /// <summary>Set on every event the standard asks a state for (order taken, node reached, action status change, pause); the host clears it after publishing.</summary>
    public bool StateDue { get; set; } = true;

    public List<Vda5050Error> Errors { get; } = [];

    /// <summary>Orders and updates refused since start (each also reported once as an error in the next state).</summary>
    public int RejectedOrders { get; private set; }

    /// <summary>Takes a new order or an update of the current one; false (an error queued for the next state) when it cannot.</summary>
    public bool TryAccept(Order order)
    {
        ArgumentNullException.ThrowIfNull(order);
        StateDue = true;
        bool fresh = false;
        if (order.Nodes.Count == 0)
        {
            return Reject(order, "order has no nodes");
        }

        if (order.OrderId == OrderId && order.OrderUpdateId == OrderUpdateId)
        {
            return true; // the same update again: nothing new to judge
        }

        if (ZoneTravelRules.CheckOrder(Zones?.Invoke(), order.Nodes, order.Edges) is ZoneOrderViolation zone)
        {
            return RejectForZone(order, zone);
        }

        if (order.OrderId == OrderId)
        {
            if (order.OrderUpdateId <= OrderUpdateId)
            {
                return order.OrderUpdateId == OrderUpdateId || Reject(order, $"orderUpdateId {order.OrderUpdateId} is older than {OrderUpdateId}");
            }

            Node first = order.Nodes[0];
            if (_baseEnd < 0 || first.NodeId != _nodes[_baseEnd].NodeId || first.SequenceId != _nodes[_baseEnd].SequenceId)
            {
                return Reject(order, $"update does not start at the last base node {(_baseEnd < 0 ? "-" : _nodes[_baseEnd].NodeId)}");
            }

            _nodes.RemoveRange(_baseEnd + 1, _nodes.Count - _baseEnd - 1);
            _edges.RemoveRange(_baseEnd, _edges.Count - _baseEnd);
            _nodes.AddRange(order.Nodes.Skip(1));
            _edges.AddRange(order.Edges);
        }
        else
        {
            if (_next >= 0 && _next <= _baseEnd)
            {
                return Reject(order, $"order {OrderId} still has released nodes to drive");
            }

            if (order.Nodes[0].NodeId != LastNodeId)
            {
                return Reject(order, $"order starts at {order.Nodes[0].NodeId}, the AGV is at {LastNodeId}");
            }

            _nodes.Clear();
            _edges.Clear();
            _actionStates.Clear();
            _nodes.AddRange(order.Nodes);
            _edges.AddRange(order.Edges);
            OrderId = order.OrderId;
            LastNodeSequenceId = order.Nodes[0].SequenceId;
            _next = 0;
            fresh = true;
        }

        OrderUpdateId = order.OrderUpdateId;
        _baseEnd = _nodes.FindLastIndex(n => n.Released);
        foreach (Vda5050Action a in _nodes.SelectMany(n => n.Actions))
        {
            if (!_actionStates.Exists(s => s.ActionId == a.ActionId))
            {
                _actionStates.Add(new ActionState { ActionId = a.ActionId, ActionType = a.ActionType, ActionStatus = ActionStatus.Waiting });
            }
        }

        if (fresh && _baseEnd >= 0)
        {
            // The first node is where the AGV stands: reached at once, its actions run.
            Arrive(0);
        }

        return true;
    }

    public void InstantActions(InstantActions message)
    {
        ArgumentNullException.ThrowIfNull(message);
        StateDue = true;
        foreach (Vda5050Action a in message.Actions)
        {
            ActionStatus status = ActionStatus.Finished;
            switch (a.ActionType)
            {
                case "startPause":
                    Paused = true;
                    break;
                case "stopPause":
                    Paused = false;
                    break;
                case "cancelOrder":
                    _cancelRequested = true;
                    break;
                case "stopCharging":
                    Charging = false;
                    break;
                case "stateRequest":
                case "factsheetRequest": // the client publishes the factsheet; the action itself is done at once
                    break;
                default:
                    status = ActionStatus.Failed;
                    break;
            }

            _actionStates.Add(new ActionState { ActionId = a.ActionId, ActionType = a.ActionType, ActionStatus = status });
        }
    }

    /// <summary>Advances <paramref name="dtS"/> seconds of simulated time.</summary>
    public void Step(double dtS)
    {
        HandledLastStep = _running is not null || _nodeActions.Count > 0;
        if (Charging)
        {
            BatteryPercent = Math.Min(100, BatteryPercent + (ChargePercentPerS * dtS));
        }

        if (_running is not null)
        {
            _runningLeftS -= dtS;
            if (_runningLeftS <= 0)
            {
                SetStatus(_running.ActionId, ActionStatus.Finished);
                _running = null;
            }

            return;
        }

        if (_nodeActions.Count > 0)
        {
            Start(_nodeActions.Dequeue());
            return;
        }

        if (_cancelRequested)
        {
            // Stop at the node being driven to (or here): drop everything after it.
            _cancelRequested = false;
            int keep = Driving ? _next : Math.Max(_next - 1, 0);
            if (keep + 1 < _nodes.Count)
            {
                // The actions of the nodes given up will never run: FAILED, as VDA 5050 asks of a cancelled order.
                foreach (Vda5050Action a in _nodes.Skip(keep + 1).SelectMany(n => n.Actions))
                {
                    SetStatus(a.ActionId, ActionStatus.Failed);
                }

                _nodes.RemoveRange(keep + 1, _nodes.Count - keep - 1);
                _edges.RemoveRange(keep, _edges.Count - keep);
            }

            _baseEnd = Math.Min(_baseEnd, keep);
        }

        if (Paused || _next < 0 || _next > _baseEnd || _next >= _nodes.Count)
        {
            Driving = false;
            return;
        }

        NodePosition target = _nodes[_next].NodePosition!;
        double dx = target.XM - XM, dy = target.YM - YM;
        double distance = Math.Sqrt((dx * dx) + (dy * dy));
        double speed = Math.Min(MaxSpeedMps, _next > 0 ? _edges[_next - 1].MaxSpeedMps ?? MaxSpeedMps : MaxSpeedMps);
        if (SpeedLimitAt?.Invoke(XM, YM) is double zoneLimitMps)
        {
            speed = Math.Min(speed, zoneLimitMps);
        }
        double stepM = speed * dtS;
        (double nextXM, double nextYM) = stepM >= distance ? (target.XM, target.YM) : (XM + (dx / distance * stepM), YM + (dy / distance * stepM));
        if (ZoneStops(nextXM, nextYM))
        {
            return; // a zone that binds travel forbids the next step (the set changed under an order it had accepted): stand
        }

        if (!Driving)
        {
            StateDue = true;
        }

        Driving = true;
        if (distance > 1e-9)
        {
            ThetaRad = Math.Atan2(dy, dx);
        }

        if (stepM >= distance)
        {
            XM = target.XM;
            YM = target.YM;
            BatteryPercent = Math.Max(0, BatteryPercent - (DrainPercentPerM * distance));
            Arrive(_next);
        }
        else
        {
            XM += dx / distance * stepM;
            YM += dy / distance * stepM;
            BatteryPercent = Math.Max(0, BatteryPercent - (DrainPercentPerM * stepM));
        }
    }

    /// <summary>Stopped in front of a zone the next step would break (<see cref="ZoneTravelRules"/>); it drives on once the zone set allows the step.</summary>
    public bool StoppedByZone { get; private set; }

    /// <summary>
    /// Whether the enabled zone set forbids the step from here to (x, y): orders are checked on arrival, but a zone
    /// set that arrives later may block or turn a stretch already accepted, so each step is checked too. On the first
    /// refused step it stands and reports a noRouteError naming the zone (once per stop).
    /// </summary>
    private bool ZoneStops(double xM, double yM)
    {
        if (Zones?.Invoke() is not ZoneSetDefinition set)
        {
            StoppedByZone = false;
            return false;
        }

        foreach (Zone zone in set.Zones)
        {
            if (ZoneTravelRules.Touches(zone, XM, YM, xM, yM) && ZoneTravelRules.Violation(zone, XM, YM, xM, yM) is string why)
            {
                if (!StoppedByZone)
                {
                    StoppedByZone = true;
                    StateDue = true;
                    Driving = false;
                    Errors.Add(new Vda5050Error
                    {
                        ErrorType = "noRouteError",
                        ErrorLevel = ErrorLevel.Warning,
                        ErrorDescription = "stopped: the next step breaks a zone: " + why,
                        ErrorReferences =
                        [
                            new ErrorReference { ReferenceKey = "orderId", ReferenceValue = OrderId },
                            new ErrorReference { ReferenceKey = "zoneId", ReferenceValue = zone.ZoneId },
                        ],
                    });
                }

                return true;
            }
        }

        StoppedByZone = false;
        return false;
    }

    public State BuildState()
    {
        var state = new State
        {
            HeaderId = 0,
            Timestamp = string.Empty,
            Version = string.Empty,
            Manufacturer = string.Empty,
            SerialNumber = string.Empty,
            OrderId = OrderId,
            OrderUpdateId = OrderUpdateId,
            LastNodeId = LastNodeId,
            LastNodeSequenceId = LastNodeSequenceId,
            Driving = Driving,
            Paused = Paused,
            OperatingMode = OperatingMode.Automatic,
            NodeStates = [.. _nodes.Skip(Math.Max(_next, 0)).Select(n => new NodeState { NodeId = n.NodeId, SequenceId = n.SequenceId, Released = n.Released })],
            EdgeStates = [.. _edges.Skip(Math.Max(_next - 1, 0)).Select(e => new EdgeState { EdgeId = e.EdgeId, SequenceId = e.SequenceId, Released = e.Released })],
            AgvPosition = new AgvPosition { XM = XM, YM = YM, ThetaRad = ThetaRad, MapId = MapId, PositionInitialized = true },
            Velocity = new Velocity { VxMps = Driving ? MaxSpeedMps : 0, VyMps = 0, OmegaRadps = 0 },
            ActionStates = [.. _actionStates],
            BatteryState = new BatteryState { BatteryChargePercent = Math.Round(BatteryPercent, 2), Charging = Charging },
            Errors = [.. Errors],
            SafetyState = new SafetyState { EStop = EStop.None, FieldViolation = false },
        };
        Errors.Clear();
        return state;
    }

    private void Arrive(int index)
    {
        LastNodeId = _nodes[index].NodeId;
        LastNodeSequenceId = _nodes[index].SequenceId;
        _next = index + 1;
        StateDue = true;
        foreach (Vda5050Action a in _nodes[index].Actions)
        {
            _nodeActions.Enqueue(a);
        }

        if (_next > _baseEnd)
        {
            Driving = false;
        }
    }

    private void Start(Vda5050Action action)
    {
        StateDue = true;
        switch (action.ActionType)
        {
            case "pick":
            case "drop":
                _running = action;
                _runningLeftS = HandlingS;
                SetStatus(action.ActionId, ActionStatus.Running);
                break;
            case "startCharging":
                Charging = true;
                SetStatus(action.ActionId, ActionStatus.Finished);
                break;
            case "stopCharging":
                Charging = false;
                SetStatus(action.ActionId, ActionStatus.Finished);
                break;
            default:
                SetStatus(action.ActionId, ActionStatus.Failed);
                break;
        }
    }

    private void SetStatus(string actionId, ActionStatus status)
    {
        StateDue = true;
        ActionState? s = _actionStates.Find(a => a.ActionId == actionId);
        if (s is not null)
        {
            s.ActionStatus = status;
        }
    }

    private bool RejectForZone(Order order, ZoneOrderViolation zone)
    {
        RejectedOrders++;
        List<ErrorReference> references = [new ErrorReference { ReferenceKey = "orderId", ReferenceValue = order.OrderId }];
        if (zone.EdgeId is not null)
        {
            references.Add(new ErrorReference { ReferenceKey = "edgeId", ReferenceValue = zone.EdgeId });
        }

        if (zone.NodeId is not null)
        {
            references.Add(new ErrorReference { ReferenceKey = "nodeId", ReferenceValue = zone.NodeId });
        }

        references.Add(new ErrorReference { ReferenceKey = "zoneId", ReferenceValue = zone.ZoneId });
        Errors.Add(new Vda5050Error
        {
            ErrorType = "noRouteError",
            ErrorLevel = ErrorLevel.Warning,
            ErrorDescription = zone.Description,
            ErrorReferences = references,
        });
        return false;
    }

    private bool Reject(Order order, string why)
    {
        RejectedOrders++;
        Errors.Add(new Vda5050Error
        {
            ErrorType = "orderUpdateError",
            ErrorLevel = ErrorLevel.Warning,
            ErrorDescription = why,
            ErrorReferences = [new ErrorReference { ReferenceKey = "orderId", ReferenceValue = order.OrderId }],
        });
        return false;
    }
}
