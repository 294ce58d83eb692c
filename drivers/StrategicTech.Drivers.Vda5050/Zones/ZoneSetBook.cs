using StrategicTech.Drivers.Vda5050.Messages;

namespace StrategicTech.Drivers.Vda5050.Zones;

/// <summary>
/// The AGV's store of the zone sets the master sent (3.0 topic zoneSet) and the list it reports in
/// <c>state.zoneSets</c>. The 3.0.0 schemas name no message that enables a stored set, so the newest set received
/// for a map is its ENABLED one (the state schema allows at most one per map) and the earlier ones of that map are
/// reported DISABLED; a set sent again under the same id replaces the stored one. Bounded: the oldest disabled set is
/// forgotten beyond <see cref="Capacity"/>, so a flood of sets cannot grow the state without limit.
/// </summary>
public sealed class ZoneSetBook
{
    public const int Capacity = 16;

    private readonly Lock _lock = new();
    private readonly List<ZoneSetDefinition> _sets = []; // oldest first
    private readonly Dictionary<string, string> _enabledByMap = new(StringComparer.Ordinal);

    /// <summary>Stores the set and makes it the enabled one of its map.</summary>
    public void Store(ZoneSetDefinition set)
    {
        ArgumentNullException.ThrowIfNull(set);
        lock (_lock)
        {
            _sets.RemoveAll(s => s.ZoneSetId == set.ZoneSetId);
            _sets.Add(set);
            _enabledByMap[set.MapId] = set.ZoneSetId;
            if (_sets.Count > Capacity)
            {
                int oldestDisabled = _sets.FindIndex(s => _enabledByMap[s.MapId] != s.ZoneSetId);
                _sets.RemoveAt(oldestDisabled < 0 ? 0 : oldestDisabled);
            }
        }
    }

    /// <summary>The enabled set of the map, or null when the map has none.</summary>
    public ZoneSetDefinition? EnabledFor(string mapId)
    {
        lock (_lock)
        {
            return _enabledByMap.TryGetValue(mapId, out string? id) ? _sets.Find(s => s.ZoneSetId == id) : null;
        }
    }

    /// <summary>Every stored set with its status, as <c>state.zoneSets</c> carries them.</summary>
    public List<ZoneSetState> States()
    {
        lock (_lock)
        {
            return _sets.ConvertAll(s => new ZoneSetState
            {
                ZoneSetId = s.ZoneSetId,
                MapId = s.MapId,
                ZoneSetStatus = _enabledByMap.TryGetValue(s.MapId, out string? id) && id == s.ZoneSetId ? ZoneSetStatus.Enabled : ZoneSetStatus.Disabled,
            });
        }
    }
}
