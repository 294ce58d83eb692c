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
    private readonly List<PlanSurvey> _surveys = [];

    public IReadOnlyList<MissionItem> Items => _items;

    public List<GeofencePolygon> FencePolygons { get; } = [];

    public List<GeofenceCircle> FenceCircles { get; } = [];

    public List<RallyPoint> RallyPoints { get; } = [];

    /// <summary>
    /// The surveys whose generated items are in <see cref="Items"/>, in order. Inserting or deleting items before a
    /// survey shifts it; inserting into, deleting, moving or editing one of its items turns the survey into plain items
    /// (QGroundControl would regenerate them from the polygon; ours keeps the pilot's edit).
    /// </summary>
    public IReadOnlyList<PlanSurvey> Surveys => _surveys;

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
        _surveys.Clear();
        Renumber();
    }

    /// <summary>
    /// Inserts a survey's generated items (<see cref="SurveyComplexItem.Items"/>) at <paramref name="index"/> (clamped)
    /// and records the survey. Returns the index of its last item.
    /// </summary>
    public int InsertSurvey(int index, SurveyComplexItem survey)
    {
        ArgumentNullException.ThrowIfNull(survey);
        if (survey.Items.Count == 0)
        {
            throw new ArgumentException("a survey needs generated items", nameof(survey));
        }

        index = Math.Clamp(index, 0, _items.Count);
        ShiftSurveys(index, survey.Items.Count);
        _items.InsertRange(index, survey.Items);
        int at = 0;
        while (at < _surveys.Count && _surveys[at].FirstIndex < index)
        {
            at++;
        }

        _surveys.Insert(at, new PlanSurvey(survey, index, survey.Items.Count));
        Renumber();
        return index + survey.Items.Count - 1;
    }

    /// <summary>Sets the surveys of items already in the document (a file's complex items); ranges must lie inside the items and not overlap.</summary>
    public void SetSurveys(IEnumerable<PlanSurvey> surveys)
    {
        ArgumentNullException.ThrowIfNull(surveys);
        var list = new List<PlanSurvey>(surveys);
        list.Sort((a, b) => a.FirstIndex.CompareTo(b.FirstIndex));
        for (int i = 0; i < list.Count; i++)
        {
            if (list[i].FirstIndex < 0 || list[i].Count <= 0 || list[i].EndIndex > _items.Count || (i > 0 && list[i].FirstIndex < list[i - 1].EndIndex))
            {
                throw new ArgumentException("survey item ranges must lie inside the mission and not overlap", nameof(surveys));
            }
        }

        _surveys.Clear();
        _surveys.AddRange(list);
        Revision++;
    }

    /// <summary>The survey that generated item <paramref name="index"/>, or null.</summary>
    public PlanSurvey? SurveyOf(int index)
    {
        foreach (PlanSurvey s in _surveys)
        {
            if (index >= s.FirstIndex && index < s.EndIndex)
            {
                return s;
            }
        }

        return null;
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
        ShiftSurveys(index, 1);
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
            BreakSurveyAt(index);
            _items.RemoveAt(index);
            for (int i = 0; i < _surveys.Count; i++)
            {
                if (_surveys[i].FirstIndex > index)
                {
                    _surveys[i] = _surveys[i] with { FirstIndex = _surveys[i].FirstIndex - 1 };
                }
            }

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

        BreakSurveyAt(index);
        _items[index] = _items[index] with { LatitudeDeg = latDeg, LongitudeDeg = lonDeg };
        Revision++;
        return true;
    }

    /// <summary>Replaces item <paramref name="index"/> (an edit); its seq is kept.</summary>
    public void Replace(int index, MissionItem item)
    {
        BreakSurveyAt(index);
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
        _surveys.Clear();
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

    // An insertion at index: surveys at or after it move down; one it lands inside stops being a survey.
    private void ShiftSurveys(int index, int count)
    {
        for (int i = _surveys.Count - 1; i >= 0; i--)
        {
            PlanSurvey s = _surveys[i];
            if (s.FirstIndex >= index)
            {
                _surveys[i] = s with { FirstIndex = s.FirstIndex + count };
            }
            else if (index < s.EndIndex)
            {
                _surveys.RemoveAt(i);
            }
        }
    }

    private void BreakSurveyAt(int index)
    {
        for (int i = _surveys.Count - 1; i >= 0; i--)
        {
            if (index >= _surveys[i].FirstIndex && index < _surveys[i].EndIndex)
            {
                _surveys.RemoveAt(i);
            }
        }
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
