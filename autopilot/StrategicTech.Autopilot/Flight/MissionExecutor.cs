using System.Globalization;
using StrategicTech.Autopilot.Control;
using StrategicTech.Autopilot.Control.Detection;
using StrategicTech.Navigation.Geodesy;
using StrategicTech.Navigation.Missions;
using StrategicTech.Navigation.Numerics;

namespace StrategicTech.Autopilot.Flight;

/// <summary>
/// Runs a mission through a <see cref="Navigator"/> (PX4 mission semantics):
/// NAV_TAKEOFF (climb to the item's altitude), NAV_WAYPOINT (param1 hold s, param2 acceptance radius m — 0 = NAV_ACC_RAD,
/// param4 yaw deg or NaN = keep), NAV_LOITER_TIME (param1 s at the item's position), NAV_LOITER_UNLIM (stays until
/// the current item is changed), NAV_LAND (at the item's position if it has one, else where it is),
/// NAV_RETURN_TO_LAUNCH (the <see cref="ReturnSequence"/>), DO_CHANGE_SPEED (param2 m/s), DO_JUMP (param1 target
/// seq, param2 repeat count: the jump is taken that many times; negative = forever) and CONDITION_DELAY (param1 s).
/// Other commands and unusable frames are skipped, counted and announced. Frames: global (AMSL, in the estimator
/// origin's datum) and global relative-altitude (above home), float or int. Every completed item except DO_JUMP
/// counts as reached (<see cref="ReachedCount"/>), as PX4 reports MISSION_ITEM_REACHED.
/// Call <see cref="Update"/> at the position-loop rate before <see cref="Navigator.Update"/>.
/// <see cref="Replace"/> allocates (copies the list); nothing else does.
/// </summary>
public sealed class MissionExecutor
{
    private readonly Navigator _navigator;
    private readonly ReturnSequence _returnSequence;
    private readonly StatusTextLog? _texts;
    private MissionItem[] _items = [];
    private int[] _jumpTargets = [];
    private int[] _jumpsTaken = [];
    private string?[] _skipReasons = [];
    private LocalNedFrame _frame;
    private Phase _phase;
    private long _phaseStartUs;

    // Set when a LAND item in the middle of the mission has landed and disarmed: the next position item climbs first.
    private bool _climbFirst;
    private Vector3 _target;
    private double _speedMps;
    private bool _started;
    private bool _running;

    /// <param name="navigator">The vehicle's navigator (the auto setpoint generator).</param>
    /// <param name="texts">Where skipped items and the end of the mission are announced (optional).</param>
    /// <param name="fence">Rally points and fences a RETURN_TO_LAUNCH item respects (optional).</param>
    public MissionExecutor(Navigator navigator, StatusTextLog? texts = null, Geofence.GeofenceMonitor? fence = null)
    {
        ArgumentNullException.ThrowIfNull(navigator);
        _navigator = navigator;
        _texts = texts;
        _returnSequence = new ReturnSequence(navigator, fence);
    }

    /// <summary>Convenience for a fixed list (tests, demos): <see cref="Replace"/> then ready to start.</summary>
    public MissionExecutor(Navigator navigator, IEnumerable<MissionItem> items, StatusTextLog? texts = null)
        : this(navigator, texts)
    {
        ArgumentNullException.ThrowIfNull(items);
        string? problem = Replace([.. items]);
        if (problem is not null)
        {
            throw new ArgumentException(problem, nameof(items));
        }
    }

    private enum Phase
    {
        Begin,
        Travel,
        Holding,
        Landing,
        Returning,
        Climbing,
    }

    public int ItemCount => _items.Length;

    public IReadOnlyList<MissionItem> Items => _items;

    /// <summary>Index of the item being executed (= <see cref="ItemCount"/> when finished).</summary>
    public int CurrentIndex { get; private set; }

    public bool IsStarted => _started;

    /// <summary>Started and not paused (Mission mode is flying it).</summary>
    public bool IsRunning => _running && _started;

    public bool IsFinished => _started && CurrentIndex >= _items.Length;

    /// <summary>Items skipped because the command or frame is not supported or the navigator refused it.</summary>
    public int SkippedItemCount { get; private set; }

    /// <summary>Why item <paramref name="index"/> was skipped in this run of the mission (null: not skipped).</summary>
    public string? SkipReason(int index) => (uint)index < (uint)_skipReasons.Length ? _skipReasons[index] : null;

    /// <summary>Completed items (MISSION_ITEM_REACHED events), monotonic over the executor's life.</summary>
    public long ReachedCount => ReachedLog.Count;

    /// <summary>The newest reached events with their item indices.</summary>
    public ReachedItemLog ReachedLog { get; } = new();

    /// <summary>Index of the last completed item (−1 before any).</summary>
    public int LastReachedIndex { get; private set; } = -1;

    /// <summary>
    /// 1-σ 3-D uncertainty of the position estimate (m), given each update by the caller. A waypoint counts as reached
    /// only when the estimate is inside its acceptance radius less twice this, so that truth is inside it too.
    /// </summary>
    public double PositionUncertaintyM { get; set; }

    /// <summary>Grows on every <see cref="Replace"/>.</summary>
    public int Version { get; private set; }

    /// <summary>Replaces the whole list (start-up or upload: allocates). Returns a problem (nothing changed) or null.</summary>
    public string? Replace(IReadOnlyList<MissionItem> newItems)
    {
        ArgumentNullException.ThrowIfNull(newItems);
        var copy = new MissionItem[newItems.Count];
        var targets = new int[copy.Length];
        for (int i = 0; i < copy.Length; i++)
        {
            copy[i] = newItems[i];
        }

        for (int i = 0; i < copy.Length; i++)
        {
            targets[i] = -1;
            if (copy[i].Command != MavCmd.DoJump)
            {
                continue;
            }

            targets[i] = JumpTarget(copy, copy[i].Param1);
            if (targets[i] < 0)
            {
                return string.Create(CultureInfo.InvariantCulture, $"item {i}: DO_JUMP to seq {copy[i].Param1} which is not in the mission");
            }
        }

        _items = copy;
        _climbFirst = false;
        _jumpTargets = targets;
        _jumpsTaken = new int[copy.Length];
        _skipReasons = new string?[copy.Length];
        _started = false;
        _running = false;
        CurrentIndex = 0;
        SkippedItemCount = 0;
        Version++;
        return null;
    }

    /// <summary>Starts at <paramref name="firstIndex"/>. <paramref name="estimatorOrigin"/> is the local frame's geodetic origin.</summary>
    public void Start(GeodeticPosition estimatorOrigin, int firstIndex = 0)
    {
        _frame = new LocalNedFrame(estimatorOrigin);
        Array.Clear(_jumpsTaken);
        Array.Clear(_skipReasons);
        CurrentIndex = Math.Clamp(firstIndex, 0, _items.Length);
        _phase = Phase.Begin;
        _speedMps = 0;
        SkippedItemCount = 0;
        _started = true;
        _running = true;

        // PX4 inserts a takeoff when a mission begun on the ground has none: the first position item then starts
        // with a vertical climb (to its height, at least MIS_TAKEOFF_ALT) instead of a diagonal climb along the ground.
        _climbFirst = _navigator.LandState != LandState.Flying;
    }

    /// <summary>Continues a paused mission at its current item (the item begins again).</summary>
    public void Resume()
    {
        if (_started)
        {
            _phase = Phase.Begin;
            _running = true;
        }
    }

    /// <summary>Continues from <paramref name="index"/> (the next update begins that item); DO_JUMP counters reset.</summary>
    public bool SetCurrent(int index)
    {
        if ((uint)index >= (uint)_items.Length)
        {
            return false;
        }

        Array.Clear(_jumpsTaken);
        CurrentIndex = index;
        _phase = Phase.Begin;
        return true;
    }

    /// <summary>Stops executing (the navigator keeps its last state); <see cref="Start"/> resumes.</summary>
    public void Pause()
    {
        _running = false;
        _returnSequence.Stop();
    }

    public void Update(long timeUs, in MulticopterState state)
    {
        // Bounded: a DO_JUMP loop with no flying item in it must not spin forever within one update.
        for (int guard = 0; _started && CurrentIndex < _items.Length && guard < 2 * _items.Length + 2 && _running; guard++)
        {
            int index = CurrentIndex;
            ref readonly MissionItem item = ref _items[index];
            if (item.Command == MavCmd.DoJump)
            {
                int repeat = (int)item.Param2;
                if (repeat < 0 || _jumpsTaken[index] < repeat)
                {
                    _jumpsTaken[index]++;
                    CurrentIndex = _jumpTargets[index];
                }
                else
                {
                    CurrentIndex++;
                }

                _phase = Phase.Begin;
                continue;
            }

            ItemResult result = Advance(timeUs, index, item, state);
            if (result == ItemResult.Running)
            {
                return;
            }

            CurrentIndex = index + 1;
            _phase = Phase.Begin;
            if (CurrentIndex >= _items.Length)
            {
                _texts?.Add(timeUs, StatusSeverity.Info, "Mission finished");
            }
            else if (result == ItemResult.Done && item.Command == MavCmd.NavLand)
            {
                // As PX4: a LAND item ends in touchdown and disarm, and the items after it wait on the ground for the
                // operator to re-arm and start the mission again (it then climbs vertically first, see below) —
                // instead of being skipped one by one while disarmed.
                _running = false;
                _climbFirst = true;
                _texts?.Add(timeUs, StatusSeverity.Info, string.Create(CultureInfo.InvariantCulture,
                    $"Landed at mission item {index}: re-arm and start the mission to continue at item {CurrentIndex}"));
            }

            if (result == ItemResult.Done)
            {
                // At most one completion per update (as PX4's navigator cycle): each event is seen on its own tick.
                ReachedLog.Add(index);
                LastReachedIndex = index;
                return;
            }
        }
    }

    private enum ItemResult
    {
        Running,
        Done,
        Skipped,
    }

    /// <summary>Drives one item.</summary>
    private ItemResult Advance(long timeUs, int index, in MissionItem item, in MulticopterState state)
    {
        switch (item.Command)
        {
            case MavCmd.NavTakeoff:
                _climbFirst = false;
                if (_phase == Phase.Begin)
                {
                    double heightM = HeightAboveHome(item);
                    if (!double.IsFinite(heightM) || !_navigator.Takeoff(heightM))
                    {
                        return Skip(timeUs, index, item, "takeoff refused");
                    }

                    _phase = Phase.Travel;
                }

                return _navigator.State == AutoState.Hold ? ItemResult.Done : ItemResult.Running;

            case MavCmd.NavWaypoint:
            case MavCmd.NavLoiterTime:
            case MavCmd.NavLoiterUnlim:
                if (_phase == Phase.Begin && _climbFirst && _navigator.State == AutoState.Hold)
                {
                    // PX4's navigator: a position item begun on the ground (re-armed after a LAND item) starts with a
                    // vertical takeoff to the item's height, not a diagonal climb along the ground.
                    _climbFirst = false;
                    double climbM = Math.Max(HeightAboveHome(item), _navigator.Parameters.TakeoffAltitudeM);
                    if (double.IsFinite(climbM) && climbM > 0 && _navigator.Takeoff(climbM))
                    {
                        _phase = Phase.Climbing;
                    }
                }

                if (_phase == Phase.Climbing)
                {
                    if (_navigator.State != AutoState.Hold)
                    {
                        return ItemResult.Running;
                    }

                    _phase = Phase.Begin;
                }

                if (_phase == Phase.Begin)
                {
                    if (!TryTargetOf(item, out _target))
                    {
                        return Skip(timeUs, index, item, "frame not supported");
                    }

                    if (item.Command == MavCmd.NavWaypoint && double.IsFinite(item.Param4))
                    {
                        _navigator.SetYaw(item.Param4 * Math.PI / 180.0);
                    }

                    if (!_navigator.GoTo(_target, _speedMps))
                    {
                        return Skip(timeUs, index, item, "goto refused");
                    }

                    _phase = Phase.Travel;
                }

                if (_phase == Phase.Travel)
                {
                    double radiusM = item.Command == MavCmd.NavWaypoint && item.Param2 > 0 ? item.Param2 : _navigator.Parameters.MissionAcceptanceRadiusM;
                    bool reached = _navigator.SetpointArrived && (state.PositionNedM - _target).Length <= AcceptanceOnEstimateM(radiusM);
                    if (!reached)
                    {
                        return ItemResult.Running;
                    }

                    _phase = Phase.Holding;
                    _phaseStartUs = timeUs;
                }

                if (item.Command == MavCmd.NavLoiterUnlim)
                {
                    return ItemResult.Running;
                }

                return Waited(timeUs, item.Param1) ? ItemResult.Done : ItemResult.Running;

            case MavCmd.ConditionDelay:
                if (_phase == Phase.Begin)
                {
                    _phase = Phase.Holding;
                    _phaseStartUs = timeUs;
                }

                return Waited(timeUs, item.Param1) ? ItemResult.Done : ItemResult.Running;

            case MavCmd.NavLand:
                _climbFirst = false;
                return LandAt(timeUs, index, item);

            case MavCmd.NavReturnToLaunch:
                if (_phase == Phase.Begin)
                {
                    if (!_returnSequence.Start(state.PositionNedM))
                    {
                        return Skip(timeUs, index, item, "return refused");
                    }

                    _phase = Phase.Returning;
                }

                return _returnSequence.Update(state.PositionNedM) ? ItemResult.Done : ItemResult.Running;

            case MavCmd.DoChangeSpeed:
                _speedMps = item.Param2 > 0 ? item.Param2 : 0;
                return ItemResult.Done;

            default:
                return Skip(timeUs, index, item, "command not supported");
        }
    }

    /// <summary>
    /// The radius the estimate must be inside for the item's acceptance radius to hold on truth: shrunk by twice the
    /// estimate's uncertainty, never below half the radius (a vehicle that can not see better still arrives: it
    /// settles over the point), nor below the navigator's own tolerance once it holds there.
    /// </summary>
    private double AcceptanceOnEstimateM(double radiusM)
    {
        double sigmaM = double.IsFinite(PositionUncertaintyM) ? Math.Max(0, PositionUncertaintyM) : 0;
        double shrunkM = Math.Max(radiusM - (2 * sigmaM), 0.5 * radiusM);
        return _navigator.State == AutoState.Hold ? Math.Max(shrunkM, _navigator.Parameters.AcceptanceRadiusM) : shrunkM;
    }

    private bool Waited(long timeUs, double seconds) => !(seconds > 0) || timeUs - _phaseStartUs >= (long)(seconds * 1e6);

    /// <summary>Go to the point at its altitude (when it has one), then land; complete once disarmed.</summary>
    private ItemResult LandAt(long timeUs, int index, in MissionItem item)
    {
        if (_phase == Phase.Begin)
        {
            Vector3 current = _navigator.Setpoint.PositionNedM;
            if (item.HasPosition)
            {
                if (!TryTargetOf(item, out Vector3 point))
                {
                    return Skip(timeUs, index, item, "frame not supported");
                }

                // Fly over the landing point at the current altitude, then descend.
                _target = new Vector3(point.X, point.Y, current.Z);
                if (!_navigator.GoTo(_target, _speedMps))
                {
                    return Skip(timeUs, index, item, "goto refused");
                }

                _phase = Phase.Travel;
            }
            else
            {
                if (!_navigator.Land())
                {
                    return Skip(timeUs, index, item, "land refused");
                }

                _phase = Phase.Landing;
            }
        }

        if (_phase == Phase.Travel)
        {
            if (_navigator.State != AutoState.Hold)
            {
                return ItemResult.Running;
            }

            if (!_navigator.Land())
            {
                return Skip(timeUs, index, item, "land refused");
            }

            _phase = Phase.Landing;
        }

        return _navigator.State == AutoState.Disarmed ? ItemResult.Done : ItemResult.Running;
    }

    private ItemResult Skip(long timeUs, int index, in MissionItem item, string why)
    {
        SkippedItemCount++;
        if ((uint)index < (uint)_skipReasons.Length)
        {
            _skipReasons[index] = why; // a literal: no allocation on the loop
        }

        _texts?.Add(timeUs, StatusSeverity.Warning, string.Create(CultureInfo.InvariantCulture, $"Mission item {index} (command {item.Command}) skipped: {why}"));
        return ItemResult.Skipped;
    }

    private static int JumpTarget(MissionItem[] list, double seq)
    {
        if (!double.IsFinite(seq))
        {
            return -1;
        }

        int wanted = (int)seq;
        for (int i = 0; i < list.Length; i++)
        {
            if (list[i].Seq == wanted)
            {
                return i;
            }
        }

        return -1;
    }

    private static bool IsRelative(byte frame) => frame is MavFrame.GlobalRelativeAlt or MavFrame.GlobalRelativeAltInt;

    private static bool IsAmsl(byte frame) => frame is MavFrame.Global or MavFrame.GlobalInt;

    /// <summary>Height above home of the item's altitude (NaN when its frame has none we can use).</summary>
    private double HeightAboveHome(in MissionItem item) =>
        IsAmsl(item.Frame) ? item.AltitudeM - _frame.Origin.HeightM + _navigator.HomeNedM.Z
        : IsRelative(item.Frame) || item.Frame == MavFrame.Mission ? item.AltitudeM
        : double.NaN;

    private bool TryTargetOf(in MissionItem item, out Vector3 targetNedM)
    {
        Vector3 current = _navigator.Setpoint.PositionNedM.IsFinite ? _navigator.Setpoint.PositionNedM : _navigator.TargetNedM;
        double north = current.X;
        double east = current.Y;
        double down = current.Z;
        targetNedM = current;
        if (item.HasPosition || item.Frame != MavFrame.Mission)
        {
            if (!IsAmsl(item.Frame) && !IsRelative(item.Frame))
            {
                return false;
            }

            if (item.HasPosition)
            {
                Vector3 ned = _frame.ToNed(GeodeticPosition.FromDegrees(item.LatitudeDeg, item.LongitudeDeg, _frame.Origin.HeightM));
                north = ned.X;
                east = ned.Y;
            }

            double heightM = HeightAboveHome(item);
            if (double.IsFinite(heightM))
            {
                down = _navigator.HomeNedM.Z - heightM;
            }
        }

        targetNedM = new Vector3(north, east, down);
        return true;
    }
}
