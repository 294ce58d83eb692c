using System.Globalization;
using StrategicTech.Drivers.Vda5050.Messages;

namespace StrategicTech.Drivers.Vda5050.Zones;

/// <summary>Which list of an ACTION zone an action comes from.</summary>
public enum ZoneActionPhase
{
    Entry,
    During,
    Exit,
}

/// <summary>One zone action to run now; the id is the robot's own (zone actions carry none), unique among its zone actions.</summary>
public readonly record struct ZoneActionRun(string ActionId, string ZoneSetId, string ZoneId, ZoneActionPhase Phase, ZoneAction Action);

/// <summary>
/// The AGV side of ACTION and SPEED_LIMIT zones (3.0). After each move it sees which ACTION zones of the enabled zone
/// set the robot entered or left (kinematic centre against the polygon; the standard judges these zones by the
/// contour, which a point robot's centre is) and runs their actions through <see cref="Runner"/>: on entry the
/// entryActions, then the duringActions, which stay RUNNING while the robot is inside and end (FINISHED) when it
/// leaves; on exit the exitActions. Every action gets a robot-made actionId and is reported in
/// <c>state.zoneActionStates</c> (kept until <see cref="Clear"/>, as the standard keeps them until clearZoneActions;
/// bounded: beyond <see cref="Capacity"/> the oldest finished or failed ones are forgotten). An action with no runner,
/// or whose runner does not know its type, FAILS with a resultDescription saying so. <see cref="SpeedLimitMps"/> is
/// the lowest maximumSpeed of the SPEED_LIMIT zones the robot is in (the standard: the lowest limit wins).
/// </summary>
public sealed class ZoneActionTracker
{
    public const int Capacity = 64;

    private readonly string _idPrefix;
    private readonly Lock _lock = new();
    private readonly List<ActionState> _states = [];
    private readonly Dictionary<string, List<ActionState>> _insideZones = new(StringComparer.Ordinal); // zone key → its running during actions
    private long _nextId;

    public ZoneActionTracker(string idPrefix = "za") => _idPrefix = idPrefix;

    /// <summary>
    /// Runs one zone action on the robot and says how it went: FINISHED or FAILED for an action done at once, RUNNING
    /// for a during action that lasts while the robot is inside. Null: no action can run (all FAIL).
    /// </summary>
    public Func<ZoneActionRun, ActionStatus>? Runner { get; set; }

    /// <summary>After a step: runs the actions of the ACTION zones entered and left.</summary>
    public void Moved(ZoneSetDefinition? set, double xM, double yM)
    {
        lock (_lock)
        {
            if ((set is null || !set.Zones.Exists(z => z.ZoneType == ZoneType.Action)) && _insideZones.Count == 0)
            {
                return; // no ACTION zone to enter or leave: nothing to do (and nothing allocated, on every step of every robot)
            }

            var insideNow = new HashSet<string>(StringComparer.Ordinal);
            foreach (Zone zone in set?.Zones ?? [])
            {
                if (zone.ZoneType != ZoneType.Action || !ZonePolygon.Contains(zone, xM, yM))
                {
                    continue;
                }

                string key = set!.ZoneSetId + "/" + zone.ZoneId;
                insideNow.Add(key);
                if (_insideZones.ContainsKey(key))
                {
                    continue;
                }

                RunAll(set.ZoneSetId, zone, ZoneActionPhase.Entry, zone.EntryActions, null);
                var during = new List<ActionState>();
                RunAll(set.ZoneSetId, zone, ZoneActionPhase.During, zone.DuringActions, during);
                _insideZones[key] = during;
            }

            foreach (string key in _insideZones.Keys.Where(k => !insideNow.Contains(k)).ToList())
            {
                foreach (ActionState running in _insideZones[key].Where(a => a.ActionStatus == ActionStatus.Running))
                {
                    running.ActionStatus = ActionStatus.Finished;
                }

                _insideZones.Remove(key);
                int slash = key.IndexOf('/', StringComparison.Ordinal);
                Zone? left = set?.ZoneSetId == key[..slash] ? set.Zones.Find(z => z.ZoneId == key[(slash + 1)..]) : null;
                if (left is not null)
                {
                    RunAll(set!.ZoneSetId, left, ZoneActionPhase.Exit, left.ExitActions, null); // a zone gone with its set has no exit to run
                }
            }
        }
    }

    /// <summary>The lowest maximumSpeed of the enabled set's SPEED_LIMIT zones containing the point (m/s), or null when none does.</summary>
    public static double? SpeedLimitMps(ZoneSetDefinition? set, double xM, double yM)
    {
        if (set is null)
        {
            return null;
        }

        double? limit = null;
        foreach (Zone zone in set.Zones)
        {
            if (zone.ZoneType == ZoneType.SpeedLimit && zone.MaximumSpeedMps is double v && ZonePolygon.Contains(zone, xM, yM))
            {
                limit = limit is double l ? Math.Min(l, v) : v;
            }
        }

        return limit;
    }

    /// <summary>The zone action states for state.zoneActionStates (copies).</summary>
    public List<ActionState> States()
    {
        lock (_lock)
        {
            return _states.ConvertAll(a => new ActionState
            {
                ActionId = a.ActionId, ActionType = a.ActionType, ActionDescription = a.ActionDescription, ActionStatus = a.ActionStatus, ResultDescription = a.ResultDescription,
            });
        }
    }

    /// <summary>clearZoneActions: forgets the reported states of actions no longer running.</summary>
    public void Clear()
    {
        lock (_lock)
        {
            _states.RemoveAll(a => a.ActionStatus != ActionStatus.Running);
        }
    }

    private void RunAll(string zoneSetId, Zone zone, ZoneActionPhase phase, List<ZoneAction>? actions, List<ActionState>? running)
    {
        foreach (ZoneAction action in actions ?? [])
        {
            string id = _idPrefix + "-" + (++_nextId).ToString(CultureInfo.InvariantCulture);
            ActionStatus status = Runner?.Invoke(new ZoneActionRun(id, zoneSetId, zone.ZoneId, phase, action)) ?? ActionStatus.Failed;
            if (status == ActionStatus.Running && phase != ZoneActionPhase.During)
            {
                status = ActionStatus.Finished; // only a during action lasts; an entry or exit action is done once started
            }

            var state = new ActionState
            {
                ActionId = id, ActionType = action.ActionType, ActionDescription = action.ActionDescriptor, ActionStatus = status,
                ResultDescription = status == ActionStatus.Failed ? $"no zone action '{action.ActionType}' on this robot" : null,
            };
            _states.Add(state);
            running?.Add(state);
            if (_states.Count > Capacity)
            {
                int oldestEnded = _states.FindIndex(a => a.ActionStatus != ActionStatus.Running);
                _states.RemoveAt(oldestEnded < 0 ? 0 : oldestEnded);
            }
        }
    }
}
