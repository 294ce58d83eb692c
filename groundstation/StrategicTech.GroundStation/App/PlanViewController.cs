using System.Globalization;
using StrategicTech.GroundStation.Link;
using StrategicTech.GroundStation.Model;
using StrategicTech.GroundStation.Plan;
using StrategicTech.GroundStation.Rendering;
using StrategicTech.Navigation.Missions;

namespace StrategicTech.GroundStation.App;

/// <summary>
/// The plan view's state and input: the <see cref="PlanDocument"/> being edited, the map (its own camera), the tool
/// a map click uses, the selected item and its editor fields, the survey or fence polygon being drawn, files (open a
/// .plan or .waypoints, save a .plan) and the transfer to the selected vehicle. Render-thread only; input arrives as
/// plain calls (SDL events or tests), so it is testable without a window.
/// </summary>
public sealed class PlanViewController
{
    /// <summary>Pixels within which a press picks an item's marker.</summary>
    public const float PickRadiusPx = 14;

    /// <summary>Default fence circle radius when the RADIUS field is empty, metres.</summary>
    public const double DefaultCircleRadiusM = 50;

    /// <summary>Default survey line spacing when the SPACING field is empty, metres.</summary>
    public const double DefaultLineSpacingM = 25;

    private const int FieldAltitude = 0;
    private const int FieldSpeed = 1;
    private const int FieldHold = 2;
    private const int FieldRadius = 3;
    private const int FieldSpacing = 4;

    private readonly List<UiButton> _buttons = new(48);
    private readonly List<LatLonDeg> _draft = [];
    private readonly PlanTransfer? _transfer;
    private readonly TextField[] _fields = [new(12), new(12), new(12), new(12), new(12), new(240)];
    private int _dragItem = -1;
    private bool _draggingItem;
    private bool _panning;
    private bool _pressedOnMap;
    private float _downX;
    private float _downY;
    private float _lastX;
    private float _lastY;
    private long _transferStartUs;
    private (VehicleState Vehicle, Geofence Fence, IReadOnlyList<RallyPoint> Rally)? _uploading;
    private TransferState _shownTransferState;

    public PlanViewController(Fleet fleet, PlanTransfer? transfer)
    {
        Fleet = fleet ?? throw new ArgumentNullException(nameof(fleet));
        _transfer = transfer;
        _fields[PlanViewLayout.FileField].Set("mission.plan");
    }

    public Fleet Fleet { get; }

    public PlanDocument Document { get; } = new();

    public MapView Map { get; } = new() { Follow = false };

    public PlanTool Tool { get; private set; }

    /// <summary>Whether the next fence shape is an inclusion (stay inside) or an exclusion zone.</summary>
    public bool FenceInclusion { get; private set; } = true;

    /// <summary>The selected mission item, or −1.</summary>
    public int Selected { get; private set; } = -1;

    /// <summary>The survey or fence polygon being drawn.</summary>
    public IReadOnlyList<LatLonDeg> Draft => _draft;

    /// <summary>The editor field taking typed text (0..4 the item fields, 5 the file box), or −1.</summary>
    public int FocusedField { get; private set; } = -1;

    public IReadOnlyList<TextField> Fields => _fields;

    /// <summary>The last outcome line (edit refused, file opened, transfer result with the vehicle's reason).</summary>
    public string Message { get; private set; } = string.Empty;

    public bool MessageIsError { get; private set; }

    /// <summary>The transfer (null without a live link).</summary>
    public PlanTransfer? Transfer => _transfer;

    /// <summary>First mission item shown in the item list.</summary>
    public int ListScroll { get; private set; }

    public float Width { get; private set; } = 1280;

    public float Height { get; private set; } = 720;

    public long NowUs { get; private set; }

    public IReadOnlyList<UiButton> Buttons => _buttons;

    /// <summary>Per-frame logic: centre the map once, pick up a finished download, follow the transfer, layout.</summary>
    public void Update(long nowUs, float width, float height)
    {
        NowUs = nowUs;
        Width = width;
        Height = height;
        VehicleState? v = Fleet.Selected;
        if (!Map.HasCenter)
        {
            if (Document.Home is { } home)
            {
                Map.CenterOn(home.LatitudeDeg, home.LongitudeDeg);
            }
            else if (v is not null && v.HasHome)
            {
                Map.CenterOn(v.HomeLatDeg, v.HomeLonDeg);
            }
            else if (v is not null && v.HasPosition)
            {
                Map.CenterOn(v.LatDeg, v.LonDeg);
            }
        }

        if (Document.Home is null && v is not null && v.HasHome)
        {
            Document.Home = new LatLonDeg(v.HomeLatDeg, v.HomeLonDeg);
            Document.HomeAltitudeAmslM = v.HomeAltitudeAmslM;
        }

        FollowTransfer();
        Layout();
    }

    public void SetTool(PlanTool tool)
    {
        Tool = tool;
        _draft.Clear();
    }

    public void Select(int index)
    {
        Selected = index >= 0 && index < Document.Count ? index : -1;
        FocusedField = FocusedField == PlanViewLayout.FileField ? FocusedField : -1;
        FillFields();
    }

    public void MouseDown(float x, float y)
    {
        _downX = _lastX = x;
        _downY = _lastY = y;
        _draggingItem = false;
        _panning = false;
        _dragItem = -1;
        _pressedOnMap = Hit(x, y) is null && !PlanViewLayout.Panel(Height).Contains(x, y) && Map.HasCenter;
        if (_pressedOnMap && Tool == PlanTool.Waypoint)
        {
            _dragItem = Pick(x, y);
        }
    }

    public void MouseMove(float x, float y, bool buttonDown)
    {
        if (buttonDown && _pressedOnMap)
        {
            bool moved = Math.Abs(x - _downX) + Math.Abs(y - _downY) > 5;
            if (_dragItem >= 0 && (moved || _draggingItem))
            {
                if (!_draggingItem)
                {
                    _draggingItem = true;
                    Select(_dragItem);
                }

                (double lat, double lon) = Map.ToGeo(x, y, Width, Height);
                Document.Move(_dragItem, lat, lon);
            }
            else if (_dragItem < 0 && (moved || _panning))
            {
                _panning = true;
                Map.Pan(x - _lastX, y - _lastY);
            }
        }

        _lastX = x;
        _lastY = y;
    }

    public void MouseUp(float x, float y)
    {
        bool pressedOnMap = _pressedOnMap;
        _pressedOnMap = false;
        if (_draggingItem)
        {
            (double lat, double lon) = Map.ToGeo(x, y, Width, Height);
            Document.Move(_dragItem, lat, lon);
            Report(string.Create(CultureInfo.InvariantCulture, $"moved item {_dragItem} to {lat:0.000000}, {lon:0.000000}"), false);
            _draggingItem = false;
            _dragItem = -1;
            return;
        }

        if (_panning)
        {
            _panning = false;
            return;
        }

        if (Hit(x, y) is { } button)
        {
            Click(button, y);
        }
        else if (pressedOnMap && _dragItem >= 0)
        {
            Select(_dragItem);
        }
        else if (pressedOnMap)
        {
            MapClick(x, y);
        }

        _dragItem = -1;
    }

    /// <summary>Mouse wheel over the map zooms about the pointer; over the item list scrolls it.</summary>
    public void Wheel(float x, float y, float steps)
    {
        if (PlanViewLayout.Panel(Height).Contains(x, y))
        {
            ListScroll = Math.Clamp(ListScroll - (int)steps, 0, Math.Max(0, Document.Count - 1));
            return;
        }

        Map.Zoom(Math.Pow(1.25, -steps), x, y, Width, Height);
    }

    /// <summary>Control keys by SDL keycode: Backspace, Enter, Escape, Tab, Delete (127), + and −.</summary>
    public void Key(int keyCode)
    {
        TextField? field = FocusedField >= 0 ? _fields[FocusedField] : null;
        switch (keyCode)
        {
            case 8 when field is not null:
                field.Backspace();
                break;
            case 8 or 127:
                Delete();
                break;
            case 13 when field is not null:
                ApplyField(FocusedField);
                break;
            case 13:
                FinishShape();
                break;
            case 27:
                if (field is not null)
                {
                    FocusedField = -1;
                    FillFields();
                }
                else
                {
                    _draft.Clear();
                }

                break;
            case 9:
                Select(Document.Count == 0 ? -1 : (Selected + 1) % Document.Count);
                break;
            case '+' or '=' when field is null:
                Map.Zoom(0.8, Width / 2, Height / 2, Width, Height);
                break;
            case '-' when field is null:
                Map.Zoom(1.25, Width / 2, Height / 2, Width, Height);
                break;
            default:
                break;
        }
    }

    /// <summary>Typed text goes to the focused field.</summary>
    public void Text(string text)
    {
        if (FocusedField >= 0)
        {
            _fields[FocusedField].Type(text);
        }
    }

    /// <summary>Sets the file box (tests and scripts).</summary>
    public void SetFilePath(string path) => _fields[PlanViewLayout.FileField].Set(path);

    /// <summary>Opens the file named in the file box; a bad file leaves the plan as it was and says why.</summary>
    public void Open()
    {
        string path = _fields[PlanViewLayout.FileField].Text;
        try
        {
            PlanDocument loaded = PlanFiles.Open(path);
            Document.SetItems(loaded.Items);
            Document.SetFenceAndRally(loaded.Fence, loaded.RallyPoints);
            Document.Home = loaded.Home;
            Document.HomeAltitudeAmslM = loaded.HomeAltitudeAmslM;
            Document.FirmwareType = loaded.FirmwareType;
            Document.VehicleType = loaded.VehicleType;
            Document.CruiseSpeedMps = loaded.CruiseSpeedMps;
            Document.HoverSpeedMps = loaded.HoverSpeedMps;
            if (loaded.Home is { } home)
            {
                Map.CenterOn(home.LatitudeDeg, home.LongitudeDeg);
            }

            Select(-1);
            Report(string.Create(CultureInfo.InvariantCulture,
                $"opened {Path.GetFileName(path)}: {Document.Count} items, {Document.FencePolygons.Count + Document.FenceCircles.Count} fence shapes, {Document.RallyPoints.Count} rally points"), false);
        }
        catch (MissionFileException ex)
        {
            Report("cannot open: " + ex.Message, true);
        }
    }

    /// <summary>Saves the plan as a QGroundControl .plan to the file box's path.</summary>
    public void Save()
    {
        string path = _fields[PlanViewLayout.FileField].Text;
        try
        {
            PlanFiles.Save(Document, path);
            Report("saved " + path, false);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            Report("cannot save " + path + ": " + ex.Message, true);
        }
    }

    /// <summary>Uploads mission, fence and rally to the selected vehicle.</summary>
    public void Upload()
    {
        VehicleState? v = Fleet.Selected;
        if (v is null || _transfer is null)
        {
            Report("no vehicle to upload to", true);
            return;
        }

        bool ardupilot = v.Autopilot == FlightModeNames.AutopilotArdupilot;
        if (_transfer.Upload(v.SystemId, PlanWire.MissionToWire(Document, ardupilot), PlanWire.FenceToWire(Document), PlanWire.RallyToWire(Document)))
        {
            // What the vehicle will hold once the upload is done (the fly view draws it then).
            _uploading = (v, Document.Fence, [.. Document.RallyPoints]);
            _transferStartUs = NowUs;
            Report(string.Create(CultureInfo.InvariantCulture, $"uploading to vehicle {v.SystemId}…"), false);
        }
    }

    /// <summary>Downloads mission, fence and rally from the selected vehicle (replaces the plan when done).</summary>
    public void Download()
    {
        VehicleState? v = Fleet.Selected;
        if (v is null || _transfer is null)
        {
            Report("no vehicle to download from", true);
            return;
        }

        if (_transfer.Download(v.SystemId))
        {
            _uploading = null;
            _transferStartUs = NowUs;
            Report(string.Create(CultureInfo.InvariantCulture, $"downloading from vehicle {v.SystemId}…"), false);
        }
    }

    /// <summary>The marker screen position of mission item <paramref name="index"/> (null without a position).</summary>
    public (float X, float Y)? ScreenOf(int index)
    {
        MissionItem item = Document[index];
        return item.HasPosition && Map.HasCenter ? Map.ToScreen(item.LatitudeDeg, item.LongitudeDeg, Width, Height) : null;
    }

    private void MapClick(float x, float y)
    {
        (double lat, double lon) = Map.ToGeo(x, y, Width, Height);
        switch (Tool)
        {
            case PlanTool.Waypoint:
                Select(Document.AddWaypoint(lat, lon, Selected));
                break;
            case PlanTool.Survey or PlanTool.FencePolygon:
                _draft.Add(new LatLonDeg(lat, lon));
                break;
            case PlanTool.FenceCircle:
                double radiusM = FieldValue(FieldRadius, DefaultCircleRadiusM);
                if (radiusM > 0)
                {
                    Document.AddFenceCircle(new LatLonDeg(lat, lon), radiusM, FenceInclusion);
                    Report(string.Create(CultureInfo.InvariantCulture, $"fence circle {radiusM:0.#} m ({(FenceInclusion ? "inclusion" : "exclusion")})"), false);
                }
                else
                {
                    Report("RADIUS must be a positive number of metres", true);
                }

                break;
            case PlanTool.Rally:
                Document.AddRallyPoint(lat, lon, FieldValue(FieldAltitude, PlanDocument.DefaultAltitudeM));
                break;
        }
    }

    private void Click(UiButton button, float y)
    {
        switch (button.Action)
        {
            case UiAction.PlanToolWaypoint:
                SetTool(PlanTool.Waypoint);
                break;
            case UiAction.PlanToolSurvey:
                SetTool(PlanTool.Survey);
                break;
            case UiAction.PlanToolFencePolygon:
                SetTool(PlanTool.FencePolygon);
                break;
            case UiAction.PlanToolFenceCircle:
                SetTool(PlanTool.FenceCircle);
                break;
            case UiAction.PlanToolRally:
                SetTool(PlanTool.Rally);
                break;
            case UiAction.PlanToggleInclusion:
                FenceInclusion = !FenceInclusion;
                break;
            case UiAction.PlanTakeoff:
                Select(Document.AddTakeoff());
                break;
            case UiAction.PlanLand:
                Select(Document.AddLand());
                break;
            case UiAction.PlanReturnToLaunch:
                Select(Document.AddReturnToLaunch());
                break;
            case UiAction.PlanDelete:
                Delete();
                break;
            case UiAction.PlanFinishShape:
                FinishShape();
                break;
            case UiAction.PlanFocusField:
                FocusedField = button.SystemId;
                if (FocusedField != PlanViewLayout.FileField)
                {
                    _fields[FocusedField].Clear();
                }

                break;
            case UiAction.PlanSelectItem:
                Select(ListScroll + (int)((y - PlanViewLayout.ListTop) / 20));
                break;
            case UiAction.PlanOpen:
                Open();
                break;
            case UiAction.PlanSave:
                Save();
                break;
            case UiAction.PlanUpload:
                Upload();
                break;
            case UiAction.PlanDownload:
                Download();
                break;
            default:
                break;
        }
    }

    /// <summary>Deletes the selected item; without one, the last draft vertex, else the last rally point or fence shape of the tool.</summary>
    private void Delete()
    {
        if (Tool is PlanTool.Survey or PlanTool.FencePolygon && _draft.Count > 0)
        {
            _draft.RemoveAt(_draft.Count - 1);
        }
        else if (Tool == PlanTool.Waypoint && Selected >= 0)
        {
            int index = Selected;
            Document.Delete(index);
            Select(Math.Min(index, Document.Count - 1));
        }
        else if (Tool == PlanTool.Rally && Document.RallyPoints.Count > 0)
        {
            Document.RallyPoints.RemoveAt(Document.RallyPoints.Count - 1);
        }
        else if (Tool == PlanTool.FencePolygon && Document.FencePolygons.Count > 0)
        {
            Document.FencePolygons.RemoveAt(Document.FencePolygons.Count - 1);
        }
        else if (Tool == PlanTool.FenceCircle && Document.FenceCircles.Count > 0)
        {
            Document.FenceCircles.RemoveAt(Document.FenceCircles.Count - 1);
        }
    }

    /// <summary>DONE: a survey polygon becomes lawnmower items after the selected item; a fence polygon is closed.</summary>
    private void FinishShape()
    {
        if (_draft.Count < 3)
        {
            if (Tool is PlanTool.Survey or PlanTool.FencePolygon)
            {
                Report("a polygon needs at least 3 points: click on the map to add them", true);
            }

            return;
        }

        if (Tool == PlanTool.FencePolygon)
        {
            Document.AddFencePolygon([.. _draft], FenceInclusion);
            Report(string.Create(CultureInfo.InvariantCulture, $"fence polygon of {_draft.Count} points ({(FenceInclusion ? "inclusion" : "exclusion")})"), false);
            _draft.Clear();
            return;
        }

        if (Tool != PlanTool.Survey)
        {
            return;
        }

        double spacingM = FieldValue(FieldSpacing, DefaultLineSpacingM);
        double altitudeM = FieldValue(FieldAltitude, PlanDocument.DefaultAltitudeM);
        try
        {
            SurveyComplexItem survey = SurveyTool.Create(_draft, spacingM, spacingM, altitudeM, Document.Home);
            int at = Selected >= 0 ? Selected + 1 : EndOfFlight();
            Select(Document.InsertSurvey(at, survey));
            Report(string.Create(CultureInfo.InvariantCulture, $"survey: {survey.Items.Count} items, lines {spacingM:0.#} m apart at {altitudeM:0.#} m, heading {survey.AngleDeg:0}°"), false);
            _draft.Clear();
        }
        catch (ArgumentException ex)
        {
            Report("survey refused: " + ex.Message, true);
        }
    }

    private int EndOfFlight()
    {
        int index = Document.Count;
        while (index > 0 && Document[index - 1].Command is MavCmd.NavLand or MavCmd.NavReturnToLaunch)
        {
            index--;
        }

        return index;
    }

    /// <summary>Applies an edited field to the selected item after a range check; a refusal keeps the item and says why.</summary>
    private void ApplyField(int field)
    {
        FocusedField = -1;
        if (field == PlanViewLayout.FileField || field is FieldSpacing)
        {
            return;
        }

        if (Selected < 0)
        {
            // Without a selection the fields are the defaults for new circles and rally points.
            return;
        }

        string text = _fields[field].Text.Trim();
        MissionItem item = Document[Selected];
        bool empty = text.Length == 0;
        if (!empty && !double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out _))
        {
            Refuse($"{PlanViewLayout.FieldNames[field]}: \"{text}\" is not a number");
            return;
        }

        double value = empty ? double.NaN : double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
        switch (field)
        {
            case FieldAltitude when item.HasPosition:
                if (!(value is >= -500 and <= 10_000))
                {
                    Refuse("ALT must be between -500 and 10000 m");
                    return;
                }

                Document.Replace(Selected, item with { AltitudeM = value });
                break;
            case FieldSpeed when item.Command == MavCmd.DoChangeSpeed:
                if (!(value is > 0 and <= 100))
                {
                    Refuse("SPEED must be above 0 and at most 100 m/s");
                    return;
                }

                Document.Replace(Selected, item with { Param2 = value });
                break;
            case FieldSpeed when item.Command == MavCmd.NavWaypoint:
                if (!empty && !(value is > 0 and <= 100))
                {
                    Refuse("SPEED must be above 0 and at most 100 m/s (empty: no speed change)");
                    return;
                }

                Document.SetSpeedAfter(Selected, value);
                break;
            case FieldHold when item.Command is MavCmd.NavWaypoint or MavCmd.NavLoiterTime:
                if (!(value is >= 0 and <= 3600))
                {
                    Refuse("HOLD must be between 0 and 3600 s");
                    return;
                }

                Document.Replace(Selected, item with { Param1 = value });
                break;
            case FieldRadius when item.Command == MavCmd.NavWaypoint:
                if (!(value is >= 0 and <= 1000))
                {
                    Refuse("RADIUS must be between 0 and 1000 m (0: the vehicle's default)");
                    return;
                }

                Document.Replace(Selected, item with { Param2 = value });
                break;
            default:
                Refuse($"{PlanViewLayout.FieldNames[field]} does not apply to {CommandName(item.Command)}");
                return;
        }

        Report($"item {Selected}: {PlanViewLayout.FieldNames[field]} = {text}", false);
        FillFields();
    }

    private void Refuse(string text)
    {
        Report(text, true);
        FillFields();
    }

    /// <summary>The field's number, or <paramref name="fallback"/> when it is empty or not a finite number.</summary>
    private double FieldValue(int field, double fallback) =>
        double.TryParse(_fields[field].Text, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) && double.IsFinite(v) ? v : fallback;

    /// <summary>Shows the selected item's values in the fields (spacing and file keep theirs).</summary>
    private void FillFields()
    {
        for (int i = 0; i < FieldSpacing; i++)
        {
            _fields[i].Clear();
        }

        if (Selected < 0)
        {
            return;
        }

        MissionItem item = Document[Selected];
        if (item.HasPosition)
        {
            _fields[FieldAltitude].Set(Format(item.AltitudeM));
        }

        switch (item.Command)
        {
            case MavCmd.NavWaypoint:
                _fields[FieldHold].Set(Format(item.Param1));
                _fields[FieldRadius].Set(Format(item.Param2));
                _fields[FieldSpeed].Set(Format(Document.SpeedAfter(Selected)));
                break;
            case MavCmd.NavLoiterTime:
                _fields[FieldHold].Set(Format(item.Param1));
                break;
            case MavCmd.DoChangeSpeed:
                _fields[FieldSpeed].Set(Format(item.Param2));
                break;
            default:
                break;
        }
    }

    private static string Format(double value) => double.IsFinite(value) ? value.ToString("0.##", CultureInfo.InvariantCulture) : string.Empty;

    /// <summary>A short name of a mission command for the list and messages.</summary>
    public static string CommandName(ushort command) => command switch
    {
        MavCmd.NavWaypoint => "WAYPOINT",
        MavCmd.NavTakeoff => "TAKEOFF",
        MavCmd.NavLand => "LAND",
        MavCmd.NavReturnToLaunch => "RTL",
        MavCmd.NavLoiterTime => "LOITER TIME",
        MavCmd.NavLoiterTurns => "LOITER TURNS",
        MavCmd.NavLoiterUnlim => "LOITER",
        MavCmd.DoChangeSpeed => "SPEED",
        MavCmd.DoJump => "JUMP",
        MavCmd.DoSetCamTriggDist => "CAM TRIGGER",
        _ => "CMD " + command.ToString(CultureInfo.InvariantCulture),
    };

    private void FollowTransfer()
    {
        if (_transfer is null)
        {
            return;
        }

        if (_transfer.TakeDownloaded() is { } lists)
        {
            VehicleState? v = Fleet.Selected;
            bool ardupilot = v is not null && v.Autopilot == FlightModeNames.AutopilotArdupilot;
            try
            {
                Geofence fence = PlanWire.FenceFromWire(lists.Fence);
                IReadOnlyList<RallyPoint> rally = PlanWire.RallyFromWire(lists.Rally);
                Document.SetItems(PlanWire.MissionFromWire(lists.Mission, ardupilot));
                Document.SetFenceAndRally(fence, rally);
                if (v is not null)
                {
                    v.Fence = fence;
                    v.RallyPoints = rally;
                }

                Select(-1);
            }
            catch (MissionFileException ex)
            {
                Report("download unusable: " + ex.Message, true);
                _shownTransferState = _transfer.State;
                return;
            }
        }

        TransferState state = _transfer.State;
        if (state != _shownTransferState)
        {
            _shownTransferState = state;
            if (state == TransferState.Done && _uploading is { } sent)
            {
                sent.Vehicle.Fence = sent.Fence;
                sent.Vehicle.RallyPoints = sent.Rally;
            }

            if (state != TransferState.Running)
            {
                _uploading = null;
            }

            if (state == TransferState.Done)
            {
                Report(_transfer.Message, false);
            }
            else if (state == TransferState.Failed)
            {
                string text = _transfer.Message;
                if (VehicleReason() is { } reason)
                {
                    text += " — " + reason;
                }

                Report(text, true);
            }
        }
    }

    /// <summary>The vehicle's newest warning (or worse) STATUSTEXT since the transfer started, if any.</summary>
    private string? VehicleReason()
    {
        IReadOnlyList<StatusLine> log = Fleet.StatusLog;
        for (int i = log.Count - 1; i >= 0 && log[i].TimeUs >= _transferStartUs; i--)
        {
            if (log[i].Severity <= 4)
            {
                return log[i].Text;
            }
        }

        return null;
    }

    private void Report(string text, bool error)
    {
        Message = text;
        MessageIsError = error;
    }

    /// <summary>The mission item whose marker is under (x, y), nearest first, or −1.</summary>
    private int Pick(float x, float y)
    {
        int best = -1;
        float bestD = PickRadiusPx * PickRadiusPx;
        for (int i = 0; i < Document.Count; i++)
        {
            if (ScreenOf(i) is { } p)
            {
                float d = ((p.X - x) * (p.X - x)) + ((p.Y - y) * (p.Y - y));
                if (d <= bestD)
                {
                    best = i;
                    bestD = d;
                }
            }
        }

        return best;
    }

    private UiButton? Hit(float x, float y)
    {
        for (int i = _buttons.Count - 1; i >= 0; i--)
        {
            if (_buttons[i].Rect.Contains(x, y))
            {
                return _buttons[i];
            }
        }

        return null;
    }

    private void Layout()
    {
        _buttons.Clear();
        PlanViewLayout.Add(Width, Height, _buttons);
        int rows = PlanViewLayout.ItemRows(Height);
        ListScroll = Math.Clamp(ListScroll, 0, Math.Max(0, Document.Count - 1));
        for (int r = 0; r < rows && ListScroll + r < Document.Count; r++)
        {
            int i = ListScroll + r;
            _buttons.Add(new UiButton(UiAction.PlanSelectItem, PlanViewLayout.ItemRow(r), string.Create(CultureInfo.InvariantCulture, $"{i,3} {CommandName(Document[i].Command)}")));
        }
    }
}
