using System.Globalization;
using SkiaSharp;
using StrategicTech.Drivers.Mavlink.Inspection;
using StrategicTech.GroundStation.Inspection;

namespace StrategicTech.GroundStation.App;

/// <summary>
/// The MAVLink inspector view: every (system, component, message) seen with its count and rate, the link's error
/// counters, and the last value of every field of the selected message, decoded by the generated dialect. Snapshots
/// and decoding run at <see cref="RefreshUs"/> intervals, not every frame (decoding by reflection is a tool's cost).
/// </summary>
public sealed class InspectorViewController
{
    public const long RefreshUs = 250_000;
    public const float RowHeight = 18;
    public const float ListTop = 80;
    public const float ListWidth = 470;

    private readonly MessageInspector? _inspector;
    private readonly Func<LinkCounters>? _counters;
    private readonly List<InspectorRow> _rows = new(256);
    private readonly List<InspectorComponent> _components = new(16);
    private readonly List<UiButton> _buttons = new(128);
    private readonly List<(string Name, string Value)> _fields = new(64);
    private readonly byte[] _payload = new byte[255];
    private long _lastRefreshUs = -RefreshUs;

    public InspectorViewController(MessageInspector? inspector, Func<LinkCounters>? counters)
    {
        _inspector = inspector;
        _counters = counters;
    }

    public float Width { get; private set; } = 1280;

    public float Height { get; private set; } = 720;

    public int Scroll { get; private set; }

    public IReadOnlyList<InspectorRow> Rows => _rows;

    public IReadOnlyList<InspectorComponent> Components => _components;

    public LinkCounters Counters { get; private set; }

    /// <summary>The selected message's key, or null.</summary>
    public (byte SystemId, byte ComponentId, uint MessageId)? Selected { get; private set; }

    /// <summary>The selected message's fields at the last refresh (name, value as text).</summary>
    public IReadOnlyList<(string Name, string Value)> Fields => _fields;

    public IReadOnlyList<UiButton> Buttons => _buttons;

    public int VisibleRowCapacity => Math.Max(1, (int)((Height - ListTop - 20) / RowHeight));

    public void Update(long nowUs, float width, float height)
    {
        Width = width;
        Height = height;
        if (_inspector is not null && (nowUs - _lastRefreshUs >= RefreshUs || nowUs < _lastRefreshUs))
        {
            _lastRefreshUs = nowUs;
            _inspector.Snapshot(nowUs, _rows, _components);
            Counters = _counters?.Invoke() ?? default;
            RefreshFields();
        }

        Scroll = Math.Clamp(Scroll, 0, Math.Max(0, _rows.Count - VisibleRowCapacity));
        Layout();
    }

    /// <summary>Selects a listed message by its position in <see cref="Rows"/>.</summary>
    public void Select(int rowIndex)
    {
        if (rowIndex < 0 || rowIndex >= _rows.Count)
        {
            return;
        }

        InspectorRow row = _rows[rowIndex];
        Selected = (row.SystemId, row.ComponentId, row.MessageId);
        RefreshFields();
    }

    public void MouseUp(float x, float y)
    {
        foreach (UiButton b in _buttons)
        {
            if (b.Action == UiAction.SelectMessage && b.Rect.Contains(x, y))
            {
                Select(int.Parse(b.Label, CultureInfo.InvariantCulture));
                return;
            }
        }
    }

    public void Wheel(float steps) => Scroll = Math.Clamp(Scroll - (int)(steps * 3), 0, Math.Max(0, _rows.Count - VisibleRowCapacity));

    private void RefreshFields()
    {
        _fields.Clear();
        if (_inspector is null || Selected is not { } key)
        {
            return;
        }

        if (_inspector.TryCopyPayload(key.SystemId, key.ComponentId, key.MessageId, _payload, out int length)
            && MavlinkMessageFields.TryDecode(key.MessageId, _payload.AsSpan(0, length), out IReadOnlyList<MavlinkMessageFields.Field> fields))
        {
            foreach (MavlinkMessageFields.Field f in fields)
            {
                _fields.Add((f.Name, MavlinkMessageFields.Format(f.Value)));
            }
        }
    }

    private void Layout()
    {
        _buttons.Clear();
        TabBar.Layout(Width, _buttons);
        int capacity = VisibleRowCapacity;
        for (int i = 0; i < capacity && Scroll + i < _rows.Count; i++)
        {
            float top = ListTop + (i * RowHeight);
            _buttons.Add(new UiButton(UiAction.SelectMessage, new SKRect(10, top, 10 + ListWidth, top + RowHeight), (Scroll + i).ToString(CultureInfo.InvariantCulture)));
        }
    }
}
