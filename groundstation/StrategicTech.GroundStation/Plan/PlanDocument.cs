using StrategicTech.Navigation.Missions;

namespace StrategicTech.GroundStation.Plan;

/// <summary>
/// The plan being edited: mission items (index = mission seq as a PX4 vehicle numbers them), the planned home,
/// geofence polygons and circles (inclusion or exclusion) and rally points. Items are the navigation library's
/// <see cref="MissionItem"/>s, so everything a file or a vehicle gave us (any command, frame and parameter) survives
/// an edit of another item. Render-thread only; <see cref="Revision"/> counts changes so views and tests can see them.
/// </summary>
public sealed class PlanDocument
{
    /// <summary>Height above home given to the first waypoint when no earlier item has one, metres.</summary>
    public const double DefaultAltitudeM = 20;

    private readonly List<MissionItem> _items = [];

    public IReadOnlyList<MissionItem> Items => _items;

    public List<GeofencePolygon> FencePolygons { get; } = [];

    public List<GeofenceCircle> FenceCircles { get; } = [];

    public List<RallyPoint> RallyPoints { get; } = [];

    /// <summary>The planned home (latitude/longitude), or null until a file or a vehicle gives one.</summary>
    public LatLonDeg? Home { get; set; }

    public double HomeAltitudeAmslM { get; set; }

    /// <summary>MAV_AUTOPILOT of the plan (12 PX4, 3 ArduPilot), as a .plan stores it.</summary>
    public int FirmwareType { get; set; } = 12;

    /// <summary>MAV_TYPE of the plan (2 quadrotor).</summary>
    public int VehicleType { get; set; } = 2;

    public double CruiseSpeedMps { get; set; } = 15;

    public double HoverSpeedMps { get; set; } = 5;

    /// <summary>Incremented on every change.</summary>
    public int Revision { get; private set; }

    public int Count => _items.Count;

    public MissionItem this[int index] => _items[index];

    /// <summary>Replaces the whole mission (items are renumbered from 0).</summary>
    public void SetItems(IEnumerable<MissionItem> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        _items.Clear();
        _items.AddRange(items);
        Renumber();
    }

    /// <summary>Replaces the fence and rally points.</summary>
    public void SetFenceAndRally(Geofence fence, IEnumerable<RallyPoint> rally)
    {
        ArgumentNullException.ThrowIfNull(fence);
        ArgumentNullException.ThrowIfNull(rally);
        FencePolygons.Clear();
        FencePolygons.AddRange(fence.Polygons);
        FenceCircles.Clear();
        FenceCircles.AddRange(fence.Circles);
        RallyPoints.Clear();
        RallyPoints.AddRange(rally);
        Revision++;
    }

    public Geofence Fence => new([.. FencePolygons], [.. FenceCircles]);

    /// <summary>Inserts <paramref name="item"/> at <paramref name="index"/> (clamped to the list) and returns where it went.</summary>
    public int Insert(int index, MissionItem item)
    {
        index = Math.Clamp(index, 0, _items.Count);
        _items.Insert(index, item);
        Renumber();
        return index;
    }

    /// <summary>
    /// Adds a NAV_WAYPOINT at (<paramref name="latDeg"/>, <paramref name="lonDeg"/>) after item <paramref name="after"/>
    /// (−1 or out of range: before a closing LAND/RTL, else at the end), at the height of the nearest earlier item
    /// that has one (else <see cref="DefaultAltitudeM"/> above home). Returns its index.
    /// </summary>
    public int AddWaypoint(double latDeg, double lonDeg, int after = -1)
    {
        int index = after >= 0 && after < _items.Count ? after + 1 : EndOfFlight();
        double altitudeM = AltitudeBefore(index);
        return Insert(index, MissionItem.Waypoint(0, MavFrame.GlobalRelativeAlt, latDeg, lonDeg, altitudeM));
    }

    /// <summary>Adds NAV_TAKEOFF as the first item (at home when known), unless the mission already starts with one. Returns its index.</summary>
    public int AddTakeoff()
    {
        if (_items.Count > 0 && _items[0].Command == MavCmd.NavTakeoff)
        {
            return 0;
        }

        double altitudeM = _items.Count > 0 && _items[0].HasPosition && double.IsFinite(_items[0].AltitudeM) ? _items[0].AltitudeM : DefaultAltitudeM;
        (double lat, double lon) = Home is { } h ? (h.LatitudeDeg, h.LongitudeDeg) : FirstPosition();
        return Insert(0, new MissionItem(0, MavFrame.GlobalRelativeAlt, MavCmd.NavTakeoff, 0, 0, 0, double.NaN, lat, lon, altitudeM, true));
    }

    /// <summary>Adds NAV_LAND at the end, at the last item's position (lands where the mission ends). Returns its index.</summary>
    public int AddLand()
    {
        (double lat, double lon) = LastPosition();
        return Insert(_items.Count, new MissionItem(0, MavFrame.GlobalRelativeAlt, MavCmd.NavLand, 0, 0, 0, double.NaN, lat, lon, 0, true));
    }

    /// <summary>Adds NAV_RETURN_TO_LAUNCH at the end. Returns its index.</summary>
    public int AddReturnToLaunch() => Insert(_items.Count, MissionItem.CommandItem(0, MavCmd.NavReturnToLaunch));

    /// <summary>Adds DO_CHANGE_SPEED (ground speed, param2 m/s) after item <paramref name="after"/>. Returns its index.</summary>
    public int AddChangeSpeed(int after, double speedMps) =>
        Insert(after >= 0 && after < _items.Count ? after + 1 : _items.Count, MissionItem.CommandItem(0, MavCmd.DoChangeSpeed, 1, speedMps, -1, 0));

    public void Delete(int index)
    {
        if (index >= 0 && index < _items.Count)
        {
            _items.RemoveAt(index);
            Renumber();
        }
    }

    /// <summary>Moves a positioned item to a new latitude/longitude (its altitude stays); false when it has no position.</summary>
    public bool Move(int index, double latDeg, double lonDeg)
    {
        if (index < 0 || index >= _items.Count || !_items[index].HasPosition)
        {
            return false;
        }

        _items[index] = _items[index] with { LatitudeDeg = latDeg, LongitudeDeg = lonDeg };
        Revision++;
        return true;
    }

    /// <summary>Replaces item <paramref name="index"/> (an edit); its seq is kept.</summary>
    public void Replace(int index, MissionItem item)
    {
        _items[index] = item with { Seq = index };
        Revision++;
    }

    /// <summary>
    /// The ground speed set for a waypoint: the DO_CHANGE_SPEED right after it (QGroundControl's per-item speed), or NaN.
    /// </summary>
    public double SpeedAfter(int index) =>
        index + 1 < _items.Count && _items[index + 1].Command == MavCmd.DoChangeSpeed ? _items[index + 1].Param2 : double.NaN;

    /// <summary>Sets (finite &gt; 0) or removes (NaN) the DO_CHANGE_SPEED right after item <paramref name="index"/>.</summary>
    public void SetSpeedAfter(int index, double speedMps)
    {
        bool has = index + 1 < _items.Count && _items[index + 1].Command == MavCmd.DoChangeSpeed;
        if (double.IsNaN(speedMps))
        {
            if (has)
            {
                Delete(index + 1);
            }
        }
        else if (has)
        {
            Replace(index + 1, _items[index + 1] with { Param2 = speedMps });
        }
        else
        {
            AddChangeSpeed(index, speedMps);
        }
    }

    public void AddRallyPoint(double latDeg, double lonDeg, double altitudeM)
    {
        RallyPoints.Add(new RallyPoint(latDeg, lonDeg, altitudeM));
        Revision++;
    }

    public void AddFencePolygon(IReadOnlyList<LatLonDeg> vertices, bool inclusion)
    {
        ArgumentNullException.ThrowIfNull(vertices);
        if (vertices.Count < 3)
        {
            throw new ArgumentException("a fence polygon needs at least 3 vertices", nameof(vertices));
        }

        FencePolygons.Add(new GeofencePolygon([.. vertices], inclusion, AltitudeBand.Unbounded));
        Revision++;
    }

    public void AddFenceCircle(LatLonDeg center, double radiusM, bool inclusion)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(radiusM);
        FenceCircles.Add(new GeofenceCircle(center, radiusM, inclusion, AltitudeBand.Unbounded));
        Revision++;
    }

    /// <summary>Removes every mission item, fence shape and rally point (home stays).</summary>
    public void Clear()
    {
        _items.Clear();
        FencePolygons.Clear();
        FenceCircles.Clear();
        RallyPoints.Clear();
        Revision++;
    }

    private int EndOfFlight()
    {
        int index = _items.Count;
        while (index > 0 && _items[index - 1].Command is MavCmd.NavLand or MavCmd.NavReturnToLaunch)
        {
            index--;
        }

        return index;
    }

    private double AltitudeBefore(int index)
    {
        for (int i = Math.Min(index, _items.Count) - 1; i >= 0; i--)
        {
            MissionItem item = _items[i];
            if (item.HasPosition && item.Command is MavCmd.NavWaypoint or MavCmd.NavTakeoff or MavCmd.NavLoiterTime && double.IsFinite(item.AltitudeM))
            {
                return item.AltitudeM;
            }
        }

        return DefaultAltitudeM;
    }

    private (double Lat, double Lon) FirstPosition()
    {
        foreach (MissionItem item in _items)
        {
            if (item.HasPosition)
            {
                return (item.LatitudeDeg, item.LongitudeDeg);
            }
        }

        return (double.NaN, double.NaN);
    }

    private (double Lat, double Lon) LastPosition()
    {
        for (int i = _items.Count - 1; i >= 0; i--)
        {
            if (_items[i].HasPosition && _items[i].Command != MavCmd.NavLand)
            {
                return (_items[i].LatitudeDeg, _items[i].LongitudeDeg);
            }
        }

        return Home is { } h ? (h.LatitudeDeg, h.LongitudeDeg) : (double.NaN, double.NaN);
    }

    private void Renumber()
    {
        for (int i = 0; i < _items.Count; i++)
        {
            // "Current" is the vehicle's state, not part of a plan (files set it on their first row).
            if (_items[i].Seq != i || _items[i].IsCurrent)
            {
                _items[i] = _items[i] with { Seq = i, IsCurrent = false };
            }
        }

        Revision++;
    }
}
