using SkiaSharp;
using StrategicTech.GroundStation.Rendering;
using StrategicTech.GroundStation.Replay;

namespace StrategicTech.GroundStation.App;

/// <summary>
/// The replay's transport: position, pause/play, speed 1×–50×, seeking by a click or drag on the bar, and which
/// fields the plot shows. The render thread owns it; the window turns its <see cref="PositionS"/> into
/// <see cref="TlogReplay.SeekTo"/> every frame.
/// </summary>
public sealed class ReplayTimeline
{
    public const float BarHeight = 30;
    public const float PlotHeight = 150;
    public const float ChipHeight = 20;
    public const float ScaleBarBand = 40;

    /// <summary>Keys: Space pause/play, ',' slower, '.' faster, Left/Right arrows 10 s back/on.</summary>
    public const int KeySpace = ' ';
    public const int KeySlower = ',';
    public const int KeyFaster = '.';
    public const int KeyRight = 0x4000004F;
    public const int KeyLeft = 0x40000050;
    public const double ArrowStepS = 10;

    private static readonly double[] SpeedSteps = [1, 2, 5, 10, 20, 50];
    private static readonly string[] SpeedLabels = ["1x", "2x", "5x", "10x", "20x", "50x"];

    private readonly List<UiButton> _buttons = [];
    private readonly bool[] _shown = new bool[PlotFields.Count];
    private bool _dragging;
    private bool _pressed;

    public ReplayTimeline(double durationS, double startS)
    {
        DurationS = Math.Max(0, durationS);
        PositionS = Math.Clamp(startS, 0, DurationS);
        _shown[(int)PlotField.AltitudeAboveHomeM] = true;
        _shown[(int)PlotField.GroundSpeedMps] = true;
    }

    public static IReadOnlyList<double> Speeds => SpeedSteps;

    public double DurationS { get; }

    /// <summary>Seconds after the log's first record.</summary>
    public double PositionS { get; private set; }

    public bool Playing { get; private set; } = true;

    public int SpeedIndex { get; private set; }

    public double Speed => SpeedSteps[SpeedIndex];

    /// <summary>The seek bar of the last layout.</summary>
    public SKRect Bar { get; private set; }

    /// <summary>The plot panel of the last layout (chips on top, curves below).</summary>
    public SKRect PlotPanel { get; private set; }

    /// <summary>Where the curves go inside <see cref="PlotPanel"/> (below the field chips).</summary>
    public SKRect PlotArea => new(PlotPanel.Left + 6, PlotPanel.Top + 4 + ChipHeight + 6, PlotPanel.Right - 6, PlotPanel.Bottom - 6);

    public IReadOnlyList<UiButton> Buttons => _buttons;

    public bool IsShown(PlotField field) => _shown[(int)field];

    public void SetShown(PlotField field, bool shown) => _shown[(int)field] = shown;

    /// <summary>Moves on by <paramref name="wallS"/> seconds of wall time at the chosen speed; pauses at the end.</summary>
    public void Advance(double wallS)
    {
        if (!Playing || wallS <= 0)
        {
            return;
        }

        PositionS = Math.Min(DurationS, PositionS + (wallS * Speed));
        if (PositionS >= DurationS)
        {
            Playing = false;
        }
    }

    public void SeekTo(double seconds) => PositionS = Math.Clamp(seconds, 0, DurationS);

    public void TogglePlay()
    {
        // Play at the end starts again from the beginning, like a media player.
        if (!Playing && PositionS >= DurationS)
        {
            PositionS = 0;
        }

        Playing = !Playing;
    }

    public void SetSpeedIndex(int index) => SpeedIndex = Math.Clamp(index, 0, SpeedSteps.Length - 1);

    /// <summary>Lays out the bar above the fly view's action bar and scale bar, and the plot panel above it, left of the HUD column.</summary>
    public void Layout(float width, float height)
    {
        _buttons.Clear();
        // Above the action bar and the map's scale bar (which sits 62-90 px above the bottom edge).
        float bottom = height - FlyViewLayout.ActionBarHeight - 4 - 8 - ScaleBarBand;
        float top = bottom - BarHeight;
        float x = 10;
        _buttons.Add(new UiButton(UiAction.ReplayPlayPause, new SKRect(x, top, x + 64, bottom), Playing ? "PAUSE" : "PLAY"));
        x += 68;
        for (int i = 0; i < SpeedSteps.Length; i++)
        {
            _buttons.Add(new UiButton(UiAction.ReplaySpeed, new SKRect(x, top, x + 40, bottom), SpeedLabels[i], (byte)i));
            x += 44;
        }

        // The seek bar stops short of the right column when the STATUSTEXT log reaches down to its height.
        float barRight = FlyViewLayout.StatusLog(width, height).Bottom > top ? FlyViewLayout.StatusLog(width, height).Left - 10 : width - 10;
        Bar = new SKRect(x + 4, top, Math.Max(x + 40, barRight), bottom);
        _buttons.Add(new UiButton(UiAction.ReplaySeekBar, Bar, "SEEK"));
        float plotRight = Math.Max(200, Math.Min(width - HudLayout.Width - (3 * HudLayout.Margin), 700));
        PlotPanel = new SKRect(10, top - 8 - PlotHeight, plotRight, top - 8);
        float chipWidth = (PlotPanel.Width - 8 - ((PlotFields.Count - 1) * 4)) / PlotFields.Count;
        for (int i = 0; i < PlotFields.Count; i++)
        {
            float left = PlotPanel.Left + 4 + (i * (chipWidth + 4));
            _buttons.Add(new UiButton(UiAction.ReplayPlotField, new SKRect(left, PlotPanel.Top + 4, left + chipWidth, PlotPanel.Top + 4 + ChipHeight), PlotFields.Label((PlotField)i), (byte)i));
        }
    }

    /// <summary>The log time under pixel column <paramref name="x"/> of the bar.</summary>
    public double TimeAtX(float x) => Bar.Width <= 0 ? 0 : Math.Clamp((x - Bar.Left) / Bar.Width, 0, 1) * DurationS;

    /// <summary>The pixel column of <paramref name="seconds"/> on the bar.</summary>
    public float XOfTime(double seconds) => DurationS <= 0 ? Bar.Left : Bar.Left + (float)(Math.Clamp(seconds / DurationS, 0, 1) * Bar.Width);

    /// <summary>True when the press belongs to the timeline (the map must not see it).</summary>
    public bool MouseDown(float x, float y)
    {
        _pressed = false;
        if (Bar.Contains(x, y))
        {
            _dragging = true;
            _pressed = true;
            SeekTo(TimeAtX(x));
            return true;
        }

        _pressed = Hit(x, y) is not null || PlotPanel.Contains(x, y);
        return _pressed;
    }

    public bool MouseMove(float x)
    {
        if (_dragging)
        {
            SeekTo(TimeAtX(x));
        }

        return _dragging;
    }

    /// <summary>Ends a drag or presses a button; true when the timeline took the release.</summary>
    public bool MouseUp(float x, float y)
    {
        if (!_pressed)
        {
            return false;
        }

        _pressed = false;
        if (_dragging)
        {
            _dragging = false;
            SeekTo(TimeAtX(x));
            return true;
        }

        if (Hit(x, y) is { } b)
        {
            switch (b.Action)
            {
                case UiAction.ReplayPlayPause:
                    TogglePlay();
                    break;
                case UiAction.ReplaySpeed:
                    SetSpeedIndex(b.SystemId);
                    break;
                case UiAction.ReplayPlotField:
                    _shown[b.SystemId] = !_shown[b.SystemId];
                    break;
                default:
                    break;
            }
        }

        return true;
    }

    /// <summary>The replay keys; true when the key was one of them.</summary>
    public bool Key(int keySym)
    {
        switch (keySym)
        {
            case KeySpace:
                TogglePlay();
                return true;
            case KeySlower:
                SetSpeedIndex(SpeedIndex - 1);
                return true;
            case KeyFaster:
                SetSpeedIndex(SpeedIndex + 1);
                return true;
            case KeyLeft:
                SeekTo(PositionS - ArrowStepS);
                return true;
            case KeyRight:
                SeekTo(PositionS + ArrowStepS);
                return true;
            default:
                return false;
        }
    }

    private UiButton? Hit(float x, float y)
    {
        foreach (UiButton b in _buttons)
        {
            if (b.Action != UiAction.ReplaySeekBar && b.Rect.Contains(x, y))
            {
                return b;
            }
        }

        return null;
    }
}
