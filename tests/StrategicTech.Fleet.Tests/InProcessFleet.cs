using StrategicTech.Drivers.Vda5050.Messages;
using StrategicTech.Fleet.Core;
using StrategicTech.Fleet.Orders;
using StrategicTech.Fleet.Site;
using StrategicTech.Navigation.Time;
using StrategicTech.Sim.Fleet;

namespace StrategicTech.Fleet.Tests;

/// <summary>
/// Test harness without broker or threads: the fleet manager (SQLite in a temp file, manual clock) and simulated
/// AGVs exchange messages directly in fixed 0.05 s steps, so a run is deterministic. Robots can be slowed, stalled
/// (stopped without the manager knowing), paused through the manager, or lost. After every step it checks the
/// executed positions independently of the planner: each robot occupies the cell it stands on, or both cells of
/// the edge it is driving along, and no two robots may ever occupy a common cell (this rules out vertex, edge,
/// swap and following-too-close conflicts alike); it also keeps the least centre-to-centre distance.
/// </summary>
internal sealed class InProcessFleet : IAsyncDisposable
{
    public const double StepS = 0.05;
    private const double DrivingStatePeriodS = 1.0;
    private readonly string _databasePath;
    private readonly SqliteFleetStore _store;
    private readonly ManualClock _clock = new();
    private readonly double[] _lastStateS;
    private readonly double[] _stallLeftS;
    private readonly bool[] _lost;
    private readonly bool[] _movedLastStep;
    private readonly Queue<(double AtS, OutgoingMessage Message)> _toRobots = new();
    private readonly Queue<(double AtS, State State)> _toManager = new();

    /// <param name="storeInFront">Optional store the manager uses in front of the SQLite one (e.g. one that holds commits); the harness still disposes the SQLite store.</param>
    public InProcessFleet(FleetSite site, FleetManagerOptions options, IReadOnlyList<(int X, int Y)> startCells, IReadOnlyList<double>? batteryPercent = null, Func<IFleetStore, IFleetStore>? storeInFront = null)
    {
        ArgumentNullException.ThrowIfNull(site);
        ArgumentNullException.ThrowIfNull(startCells);
        Site = site;
        _databasePath = Path.Combine(Path.GetTempPath(), "fleet-inproc-" + Guid.NewGuid().ToString("N") + ".db");
        _store = new SqliteFleetStore(_databasePath);
        Manager = new FleetManager(site, storeInFront is null ? _store : storeInFront(_store), _clock, TimeProvider.System, options);
        Agvs = new SimulatedAgv[startCells.Count];
        SpeedFactor = new double[startCells.Count];
        _lastStateS = new double[startCells.Count];
        _stallLeftS = new double[startCells.Count];
        _lost = new bool[startCells.Count];
        _movedLastStep = new bool[startCells.Count];
        for (int i = 0; i < Agvs.Length; i++)
        {
            int v = site.Graph.VertexAt(startCells[i].X, startCells[i].Y);
            (double x, double y) = site.PositionOf(v);
            Agvs[i] = new SimulatedAgv("StrategicTech", $"agv{i}", site.MapId, site.NodeIdOfVertex(v), x, y, batteryPercent?[i] ?? 100);
            SpeedFactor[i] = 1.0;
            _lastStateS[i] = double.NegativeInfinity;
            Manager.OnConnection(Header(new Connection { HeaderId = 0, Timestamp = string.Empty, Version = string.Empty, Manufacturer = string.Empty, SerialNumber = string.Empty, ConnectionState = ConnectionState.Online }, Agvs[i]));
        }
    }

    public FleetSite Site { get; }

    public FleetManager Manager { get; }

    public SimulatedAgv[] Agvs { get; }

    /// <summary>Share of nominal speed each robot drives at (simulated time runs this much slower for it).</summary>
    public double[] SpeedFactor { get; }

    /// <summary>Called each step before robots move: may stall robot i for the returned seconds (0: no new stall).</summary>
    public Func<int, double, double>? StallS { get; init; }

    public double TimeS { get; private set; }

    /// <summary>
    /// One-way delay of every message, manager to robot and robot to manager (s; default 0: delivered within the
    /// step): a stand-in for the broker hops, the manager's tick and the robot's order intake.
    /// </summary>
    public double LatencyS { get; init; }

    /// <summary>Called for each message to robot i at its delivery time: true discards it (lost as QoS 0 over a broker restart).</summary>
    public Func<int, OutgoingMessage, double, bool>? DropToRobot { get; init; }

    /// <summary>Messages discarded by <see cref="DropToRobot"/>.</summary>
    public int DroppedToRobots { get; private set; }

    /// <summary>A standing robot reports its state at least this often (the demo's AGVs: 30 s; default: only on events).</summary>
    public double IdleStatePeriodS { get; init; } = double.PositiveInfinity;

    /// <summary>Steps at which two robots occupied a common cell (first few, for the failure message).</summary>
    public List<string> Conflicts { get; } = [];

    public double MinDistanceM { get; private set; } = double.PositiveInfinity;

    /// <summary>
    /// Times a robot that moved in one step stood still in the next without a node action to run, a pause or a
    /// stall of the harness: waits for the plan (a cell not yet free, an order or update not yet there).
    /// </summary>
    public int Stops { get; private set; }

    /// <summary><see cref="Stops"/> per robot and hour of simulated time.</summary>
    public double StopsPerRobotHour => Stops / (Agvs.Length * TimeS / 3600.0);

    /// <summary>The robot's connection breaks (the broker's last will): it stops and says nothing more.</summary>
    public void Lose(int index)
    {
        _lost[index] = true;
        Manager.OnConnection(Header(new Connection { HeaderId = 0, Timestamp = string.Empty, Version = string.Empty, Manufacturer = string.Empty, SerialNumber = string.Empty, ConnectionState = ConnectionState.ConnectionBroken }, Agvs[index]));
    }

    public void Step()
    {
        TimeS += StepS;
        _clock.AdvanceUs((long)(StepS * 1e6));
        DeliverStates();
        Manager.Tick();
        foreach (OutgoingMessage m in Manager.DrainOutbox())
        {
            _toRobots.Enqueue((TimeS + LatencyS, m));
        }

        while (_toRobots.Count > 0 && _toRobots.Peek().AtS <= TimeS + 1e-9)
        {
            OutgoingMessage m = _toRobots.Dequeue().Message;
            int i = Array.FindIndex(Agvs, a => a.SerialNumber == m.SerialNumber);
            if (_lost[i])
            {
                continue;
            }

            if (DropToRobot?.Invoke(i, m, TimeS) == true)
            {
                DroppedToRobots++;
                continue;
            }

            if (m.Order is { } order)
            {
                Agvs[i].TryAccept(order);
            }
            else if (m.Actions is { } actions)
            {
                Agvs[i].InstantActions(actions);
            }
        }

        for (int i = 0; i < Agvs.Length; i++)
        {
            if (_lost[i])
            {
                continue;
            }

            double stall = StallS?.Invoke(i, TimeS) ?? 0;
            _stallLeftS[i] = Math.Max(_stallLeftS[i], stall);
            (double x, double y) = (Agvs[i].XM, Agvs[i].YM);
            bool held = _stallLeftS[i] > 0 || Agvs[i].Paused;
            if (_stallLeftS[i] > 0)
            {
                _stallLeftS[i] -= StepS; // stopped by something the manager does not know of (a person, a blocked sensor)
            }
            else
            {
                Agvs[i].Step(StepS * SpeedFactor[i]);
            }

            bool moved = (x, y) != (Agvs[i].XM, Agvs[i].YM);
            if (_movedLastStep[i] && !moved && !held && !Agvs[i].HandledLastStep)
            {
                Stops++;
            }

            _movedLastStep[i] = moved;
        }

        CheckOccupancy();
        for (int i = 0; i < Agvs.Length; i++)
        {
            SimulatedAgv a = Agvs[i];
            if (!_lost[i] && (a.StateDue || TimeS - _lastStateS[i] >= (a.Driving ? DrivingStatePeriodS : IdleStatePeriodS)))
            {
                a.StateDue = false;
                _lastStateS[i] = TimeS;
                _toManager.Enqueue((TimeS + LatencyS, Header(a.BuildState(), a)));
            }
        }

        DeliverStates();
    }

    private void DeliverStates()
    {
        while (_toManager.Count > 0 && _toManager.Peek().AtS <= TimeS + 1e-9)
        {
            Manager.OnState(_toManager.Dequeue().State);
        }
    }

    /// <summary>Steps until <paramref name="done"/> holds or the simulated time limit passes; true when it held.</summary>
    public bool RunUntil(Func<bool> done, double limitS)
    {
        ArgumentNullException.ThrowIfNull(done);
        while (TimeS < limitS)
        {
            Step();
            if (done())
            {
                return true;
            }
        }

        return false;
    }

    public bool AllOrders(OrderPhase phase) => Manager.Orders().All(o => o.Phase == phase);

    public async ValueTask DisposeAsync()
    {
        await _store.DisposeAsync().ConfigureAwait(false);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (string f in new[] { _databasePath, _databasePath + "-wal", _databasePath + "-shm" })
        {
            File.Delete(f);
        }
    }

    private static T Header<T>(T message, SimulatedAgv agv)
        where T : Vda5050Message
    {
        message.Manufacturer = agv.Manufacturer;
        message.SerialNumber = agv.SerialNumber;
        return message;
    }

    private void CheckOccupancy()
    {
        var owner = new Dictionary<(int, int), int>();
        for (int i = 0; i < Agvs.Length; i++)
        {
            foreach ((int, int) cell in Occupied(Agvs[i]))
            {
                if (owner.TryGetValue(cell, out int other) && other != i && Conflicts.Count < 10)
                {
                    Conflicts.Add($"t={TimeS:F2} s: agv{other} and agv{i} both on cell {cell}");
                }

                owner[cell] = i;
            }

            for (int j = 0; j < i; j++)
            {
                double dx = Agvs[i].XM - Agvs[j].XM, dy = Agvs[i].YM - Agvs[j].YM;
                MinDistanceM = Math.Min(MinDistanceM, Math.Sqrt((dx * dx) + (dy * dy)));
            }
        }
    }

    /// <summary>The cells whose closed extent (shrunk by a hair) contains the robot's centre: one at a cell centre, two on an edge.</summary>
    private IEnumerable<(int X, int Y)> Occupied(SimulatedAgv agv)
    {
        const double Eps = 1e-6;
        double fx = (agv.XM / Site.CellSizeM) - 0.5, fy = (agv.YM / Site.CellSizeM) - 0.5;
        int x0 = (int)Math.Floor(fx + Eps), x1 = (int)Math.Ceiling(fx - Eps);
        int y0 = (int)Math.Floor(fy + Eps), y1 = (int)Math.Ceiling(fy - Eps);
        var cells = new HashSet<(int, int)> { (x0, y0), (x1, y0), (x0, y1), (x1, y1) };
        return cells;
    }
}
