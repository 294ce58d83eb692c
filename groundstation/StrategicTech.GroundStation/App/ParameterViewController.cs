using System.Globalization;
using SkiaSharp;
using StrategicTech.Drivers.Mavlink.Microservices.Parameters;
using StrategicTech.GroundStation.Model;
using StrategicTech.GroundStation.Parameters;
using StrategicTech.GroundStation.Rendering;

namespace StrategicTech.GroundStation.App;

/// <summary>Which text box takes typed characters.</summary>
public enum ParameterFocus
{
    None,
    Search,
    Edit,
    File,
}

/// <summary>
/// The parameter view's state and input: one <see cref="VehicleParameterTable"/> per vehicle filled from the link's events,
/// a search box, a scrolling list, an editor that checks the typed value against the parameter's type before any
/// PARAM_SET leaves, and load/save of QGroundControl <c>.params</c> files (a load sends only the values that differ
/// and names what it skipped). Render-thread only; input arrives as plain calls, so it is testable without a window.
/// </summary>
public sealed class ParameterViewController
{
    public const float RowHeight = 20;
    public const float ListTop = 120;

    private readonly IParameterService? _service;
    private readonly Dictionary<byte, VehicleParameterTable> _tables = [];
    private readonly List<ParameterRow> _visible = new(2048);
    private readonly List<UiButton> _buttons = new(64);
    private string? _selectedName;

    public ParameterViewController(Fleet fleet, IParameterService? service)
    {
        Fleet = fleet ?? throw new ArgumentNullException(nameof(fleet));
        _service = service;
    }

    public Fleet Fleet { get; }

    public TextField Search { get; } = new(16);

    public TextField Edit { get; } = new(32);

    public TextField FilePath { get; } = new(240);

    public ParameterFocus Focus { get; private set; }

    public float Width { get; private set; } = 1280;

    public float Height { get; private set; } = 720;

    /// <summary>First visible row of the filtered list.</summary>
    public int Scroll { get; private set; }

    /// <summary>The last outcome line (validation error, file result).</summary>
    public string Message { get; private set; } = string.Empty;

    public bool MessageIsError { get; private set; }

    public IReadOnlyList<UiButton> Buttons => _buttons;

    /// <summary>Rows matching the search, in display order.</summary>
    public IReadOnlyList<ParameterRow> Visible => _visible;

    /// <summary>The selected vehicle's table (null when no vehicle).</summary>
    public VehicleParameterTable? Table => Fleet.Selected is { } v ? TableFor(v.SystemId) : null;

    public ParameterRow? Selected => _selectedName is not null && Table is { } t && t.TryGet(_selectedName, out ParameterRow row) ? row : null;

    /// <summary>Rows that fit between the list top and the editor.</summary>
    public int VisibleRowCapacity => Math.Max(1, (int)((Height - ListTop - 90) / RowHeight));

    /// <summary>A vehicle's table (created on first use).</summary>
    public VehicleParameterTable TableFor(byte systemId)
    {
        if (!_tables.TryGetValue(systemId, out VehicleParameterTable? table))
        {
            table = new VehicleParameterTable(systemId);
            _tables.Add(systemId, table);
        }

        return table;
    }

    /// <summary>Drains the link's parameter events into the tables (call every frame, whichever view shows).</summary>
    public void Drain()
    {
        if (_service is null)
        {
            return;
        }

        while (_service.TryTake(out ParameterEvent e))
        {
            TableFor(e.SystemId).Apply(e);
        }
    }

    /// <summary>Per-frame logic: filter, clamp scroll, layout.</summary>
    public void Update(float width, float height)
    {
        Width = width;
        Height = height;
        Drain();
        if (FilePath.Length == 0 && Fleet.Selected is { } v)
        {
            FilePath.Set(string.Create(CultureInfo.InvariantCulture, $"vehicle{v.SystemId}.params"));
        }

        if (Table is { } table)
        {
            table.Filter(Search.Text, _visible);
        }
        else
        {
            _visible.Clear();
        }

        Scroll = Math.Clamp(Scroll, 0, Math.Max(0, _visible.Count - VisibleRowCapacity));
        Layout();
    }

    /// <summary>Starts a whole-list download of the selected vehicle.</summary>
    public void Refresh()
    {
        if (Fleet.Selected is not { } v || _service is null)
        {
            Report("no vehicle to download from", error: true);
            return;
        }

        TableFor(v.SystemId).BeginDownload();
        _service.Download(v.SystemId);
        Report("downloading parameters…", error: false);
    }

    /// <summary>Checks the editor's text against the selected parameter's type and sends it.</summary>
    public void SendEdit()
    {
        if (Fleet.Selected is not { } v || Selected is not { } row || _service is null)
        {
            Report("select a parameter first", error: true);
            return;
        }

        if (!ParameterText.TryParse(Edit.Text, row.Value.Type, out ParameterValue value, out string error))
        {
            Report(row.Name + ": " + error, error: true);
            return;
        }

        TableFor(v.SystemId).BeginSet(row.Name, value);
        _service.Set(v.SystemId, row.Name, value);
        Report(row.Name + " = " + ParameterText.Format(value) + " sent", error: false);
    }

    /// <summary>Writes the selected vehicle's parameters to the file box's path.</summary>
    public void SaveFile()
    {
        if (Fleet.Selected is not { } v || Table is not { } table || table.Rows.Count == 0)
        {
            Report("nothing to save: download the parameters first", error: true);
            return;
        }

        try
        {
            var entries = table.Rows.Select(r => new ParamsFileEntry(v.SystemId, r.ComponentId, r.Name, r.Value)).ToList();
            ParamsFile.Write(FilePath.Text, entries, string.Create(CultureInfo.InvariantCulture, $"vehicle {v.SystemId} ({v.TypeName})"));
            Report(string.Create(CultureInfo.InvariantCulture, $"saved {entries.Count} parameters to {FilePath.Text}"), error: false);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            Report("cannot save " + FilePath.Text + ": " + ex.Message, error: true);
        }
    }

    /// <summary>Reads the file box's path and sends every value that differs from the vehicle's; names skipped entries.</summary>
    public void LoadFile()
    {
        if (Fleet.Selected is not { } v || Table is not { } table || _service is null)
        {
            Report("no vehicle to load parameters into", error: true);
            return;
        }

        IReadOnlyList<ParamsFileEntry> entries;
        try
        {
            entries = ParamsFile.Read(FilePath.Text);
        }
        catch (ParamsFileException ex)
        {
            Report(ex.Message, error: true);
            return;
        }

        int sent = 0;
        int same = 0;
        var unknown = new List<string>();
        var mismatched = new List<string>();
        foreach (ParamsFileEntry entry in entries)
        {
            if (!table.TryGet(entry.Name, out ParameterRow row))
            {
                unknown.Add(entry.Name);
                continue;
            }

            // The vehicle's type wins: a file from another firmware may store the same name with another width.
            if (!ParameterText.TryParse(ParameterText.Format(entry.Value), row.Value.Type, out ParameterValue value, out _))
            {
                mismatched.Add(entry.Name);
                continue;
            }

            if (value == row.Value)
            {
                same++;
                continue;
            }

            table.BeginSet(row.Name, value);
            _service.Set(v.SystemId, row.Name, value);
            sent++;
        }

        string text = string.Create(CultureInfo.InvariantCulture, $"loaded {entries.Count} from {Path.GetFileName(FilePath.Text)}: {sent} sent, {same} unchanged");
        if (unknown.Count > 0)
        {
            text += string.Create(CultureInfo.InvariantCulture, $", {unknown.Count} unknown to the vehicle (skipped: {string.Join(' ', unknown.Take(5))}{(unknown.Count > 5 ? " …" : string.Empty)})");
        }

        if (mismatched.Count > 0)
        {
            text += string.Create(CultureInfo.InvariantCulture, $", {mismatched.Count} out of range for the vehicle's type (skipped: {string.Join(' ', mismatched.Take(5))})");
        }

        Report(text, error: unknown.Count > 0 || mismatched.Count > 0);
    }

    /// <summary>Selects a parameter by name and puts its value in the editor.</summary>
    public void SelectParameter(string name)
    {
        if (Table is not { } table || !table.TryGet(name, out ParameterRow row))
        {
            return;
        }

        _selectedName = name;
        Edit.Set(ParameterText.Format(row.Value));
        Focus = ParameterFocus.Edit;
    }

    public void MouseDown(float x, float y)
    {
        // Buttons act on release, as in the fly view.
    }

    public void MouseUp(float x, float y)
    {
        foreach (UiButton b in _buttons)
        {
            if (b.Rect.Contains(x, y))
            {
                Click(b);
                return;
            }
        }
    }

    public void Wheel(float steps) => Scroll = Math.Clamp(Scroll - (int)(steps * 3), 0, Math.Max(0, _visible.Count - VisibleRowCapacity));

    /// <summary>Control keys: Backspace, Enter (send the edit), Esc (drop focus), Tab (next box).</summary>
    public void Key(int keyCode)
    {
        TextField? field = FocusedField;
        switch (keyCode)
        {
            case 8:
                field?.Backspace();
                ScrollToTopOnSearch();
                break;
            case 13:
                if (Focus == ParameterFocus.Edit)
                {
                    SendEdit();
                }

                break;
            case 27:
                Focus = ParameterFocus.None;
                break;
            case 9:
                Focus = Focus switch
                {
                    ParameterFocus.Search => ParameterFocus.Edit,
                    ParameterFocus.Edit => ParameterFocus.File,
                    _ => ParameterFocus.Search,
                };
                break;
            default:
                break;
        }
    }

    /// <summary>Typed text (SDL_TEXTINPUT) into the focused box.</summary>
    public void Text(string text)
    {
        FocusedField?.Type(text);
        ScrollToTopOnSearch();
    }

    private TextField? FocusedField => Focus switch
    {
        ParameterFocus.Search => Search,
        ParameterFocus.Edit => Edit,
        ParameterFocus.File => FilePath,
        _ => null,
    };

    private void ScrollToTopOnSearch()
    {
        if (Focus == ParameterFocus.Search)
        {
            Scroll = 0;
        }
    }

    private void Report(string text, bool error)
    {
        Message = text;
        MessageIsError = error;
    }

    private void Click(UiButton b)
    {
        switch (b.Action)
        {
            case UiAction.FocusSearch:
                Focus = ParameterFocus.Search;
                break;
            case UiAction.FocusEdit:
                Focus = ParameterFocus.Edit;
                break;
            case UiAction.FocusFile:
                Focus = ParameterFocus.File;
                break;
            case UiAction.RefreshParameters:
                Refresh();
                break;
            case UiAction.SaveParameters:
                SaveFile();
                break;
            case UiAction.LoadParameters:
                LoadFile();
                break;
            case UiAction.SendParameter:
                SendEdit();
                break;
            case UiAction.SelectParameter:
                SelectParameter(b.Label);
                break;
            case UiAction.SelectVehicle:
                Fleet.Select(b.SystemId);
                _selectedName = null;
                FilePath.Clear();
                break;
            default:
                break;
        }
    }

    private void Layout()
    {
        _buttons.Clear();
        TabBar.Layout(Width, _buttons);
        ParameterViewLayout.AddToolbar(Width, _buttons);
        for (int i = 0; i < Fleet.Vehicles.Count; i++)
        {
            _buttons.Add(new UiButton(UiAction.SelectVehicle, ParameterViewLayout.VehicleChip(i), string.Empty, Fleet.Vehicles[i].SystemId));
        }

        int capacity = VisibleRowCapacity;
        for (int i = 0; i < capacity && Scroll + i < _visible.Count; i++)
        {
            float top = ListTop + (i * RowHeight);
            _buttons.Add(new UiButton(UiAction.SelectParameter, new SKRect(10, top, Width - 10, top + RowHeight), _visible[Scroll + i].Name));
        }

        SKRect editor = ParameterViewLayout.Editor(Width, Height);
        _buttons.Add(new UiButton(UiAction.FocusEdit, ParameterViewLayout.EditBox(editor), "EDIT"));
        _buttons.Add(new UiButton(UiAction.SendParameter, ParameterViewLayout.SendButton(editor), "SEND"));
    }
}
