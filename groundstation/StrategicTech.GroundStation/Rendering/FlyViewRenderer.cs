using System.Globalization;
using SkiaSharp;
using StrategicTech.GroundStation.App;
using StrategicTech.GroundStation.Link;
using StrategicTech.GroundStation.Model;

namespace StrategicTech.GroundStation.Rendering;

/// <summary>Draws the whole fly view for a <see cref="FlyViewController"/>: map, HUD, vehicle list, status, log, actions.</summary>
public sealed class FlyViewRenderer : IDisposable
{
    private static readonly SKColor ButtonColor = new(50, 60, 75);
    private static readonly SKColor ArmColor = new(170, 40, 40);
    private static readonly SKColor CurrentModeColor = new(40, 110, 60);
    private static readonly SKColor OkColor = new(90, 220, 110);
    private static readonly SKColor WarnColor = new(255, 190, 60);
    private static readonly SKColor BadColor = new(255, 80, 70);

    private readonly Theme _theme = new();
    private readonly MapRenderer _map;
    private readonly HudRenderer _hud;

    public FlyViewRenderer()
    {
        _map = new MapRenderer(_theme);
        _hud = new HudRenderer(_theme);
    }

    /// <summary>A line shown at the bottom right (link name or replay position).</summary>
    public string SourceLine { get; set; } = string.Empty;

    /// <summary>The map's raster tiles (null: graticule only).</summary>
    public Tiles.TileLayer? Tiles
    {
        get => _map.Tiles;
        set => _map.Tiles = value;
    }

    /// <summary>The map layer (its track layer's counters are the benchmark's).</summary>
    public MapRenderer Map => _map;

    /// <summary>The theme (paints and fonts) the other views share.</summary>
    public Theme Theme => _theme;

    public void Dispose()
    {
        _map.Dispose();
        _theme.Dispose();
    }

    public void Draw(SKCanvas canvas, FlyViewController ui)
    {
        ArgumentNullException.ThrowIfNull(canvas);
        ArgumentNullException.ThrowIfNull(ui);
        float w = ui.Width;
        float h = ui.Height;
        _map.Draw(canvas, w, h, ui.Map, ui.Fleet, ui.GoHereTarget);
        _hud.Draw(canvas, w, ui.Fleet.Selected);
        DrawVehicleList(canvas, ui);
        DrawStatus(canvas, w, ui.Fleet.Selected);
        DrawLog(canvas, w, h, ui.Fleet);
        DrawButtons(canvas, ui);
        DrawCommandLine(canvas, ui);
        if (SourceLine.Length > 0)
        {
            _theme.DrawText(canvas, SourceLine, w - 10, h - 14, SKColors.LightGray, _theme.SmallFont, SKTextAlign.Right);
        }
    }

    private void DrawVehicleList(SKCanvas canvas, FlyViewController ui)
    {
        Fleet fleet = ui.Fleet;
        SKRect list = FlyViewLayout.VehicleList(fleet.Vehicles.Count);
        _theme.FillRect(canvas, list, Theme.PanelBackground);
        _theme.DrawText(canvas, "VEHICLES", list.Left + 6, list.Top + 17, SKColors.LightGray, _theme.Font);
        if (fleet.Vehicles.Count == 0)
        {
            _theme.DrawText(canvas, "none yet (waiting for HEARTBEAT)", list.Left + 6, list.Top + 40, SKColors.Gray, _theme.SmallFont);
            return;
        }

        for (int i = 0; i < fleet.Vehicles.Count; i++)
        {
            VehicleState v = fleet.Vehicles[i];
            float top = list.Top + 24 + (i * FlyViewController.VehicleRowHeight);
            if (ReferenceEquals(v, fleet.Selected))
            {
                _theme.FillRect(canvas, new SKRect(list.Left, top, list.Right, top + FlyViewController.VehicleRowHeight), new SKColor(60, 80, 110, 200));
            }

            string battery = double.IsFinite(v.BatteryRemaining) ? ((int)Math.Round(v.BatteryRemaining * 100)).ToString(CultureInfo.InvariantCulture) + "%" : "--";
            string line = string.Create(CultureInfo.InvariantCulture, $"{v.SystemId,3} {v.TypeName,-5} {v.ModeName,-9} {(v.Armed ? "ARM" : "dis")} {battery}");
            _theme.DrawText(canvas, line, list.Left + 6, top + 15, v.LinkLost ? BadColor : SKColors.White, _theme.SmallFont);
            _theme.DrawText(canvas, v.LinkLost ? "LOST" : "OK", list.Right - 6, top + 15, v.LinkLost ? BadColor : OkColor, _theme.SmallFont, SKTextAlign.Right);
        }
    }

    private void DrawStatus(SKCanvas canvas, float w, VehicleState? v)
    {
        SKRect r = FlyViewLayout.StatusPanel(w);
        _theme.FillRect(canvas, r, Theme.PanelBackground);
        if (v is null)
        {
            return;
        }

        float x = r.Left + 8;
        _theme.DrawText(canvas, v.ModeName, x, r.Top + 22, SKColors.White, _theme.BigFont);
        _theme.DrawText(canvas, v.Armed ? "ARMED" : "DISARMED", r.Right - 8, r.Top + 22, v.Armed ? BadColor : OkColor, _theme.BigFont, SKTextAlign.Right);
        if (v.LinkLost)
        {
            _theme.DrawText(canvas, "LINK LOST", r.MidX, r.Top + 22, BadColor, _theme.BigFont, SKTextAlign.Center);
        }

        string battery = string.Create(CultureInfo.InvariantCulture,
            $"BATT {Num(v.BatteryVoltageV, "0.0")} V  {Num(v.BatteryCurrentA, "0.0")} A  {(double.IsFinite(v.BatteryRemaining) ? (v.BatteryRemaining * 100).ToString("0", CultureInfo.InvariantCulture) + " %" : "-- %")}");
        SKColor batteryColor = !double.IsFinite(v.BatteryRemaining) ? SKColors.White : v.BatteryRemaining < 0.2 ? BadColor : v.BatteryRemaining < 0.35 ? WarnColor : SKColors.White;
        _theme.DrawText(canvas, battery, x, r.Top + 46, batteryColor, _theme.Font);
        string gnss = string.Create(CultureInfo.InvariantCulture,
            $"GNSS {FixName(v.GpsFixType)}  sats {(v.Satellites >= 0 ? v.Satellites.ToString(CultureInfo.InvariantCulture) : "--")}  eph {Num(v.EphM, "0.0")} m");
        _theme.DrawText(canvas, gnss, x, r.Top + 68, v.GpsFixType >= 3 ? SKColors.White : WarnColor, _theme.Font);
        string mission = v.MissionCurrentSeq >= 0
            ? string.Create(CultureInfo.InvariantCulture, $"MISSION item {v.MissionCurrentSeq} / {(v.MissionTotal >= 0 ? v.MissionTotal : v.Mission.Count)}")
            : "MISSION --";
        _theme.DrawText(canvas, mission, x, r.Top + 90, SKColors.White, _theme.Font);
        _theme.DrawText(canvas, string.Create(CultureInfo.InvariantCulture, $"sys {v.SystemId}  hb {v.Heartbeats}"), r.Right - 8, r.Top + 90, SKColors.Gray, _theme.SmallFont, SKTextAlign.Right);
    }

    private void DrawLog(SKCanvas canvas, float w, float h, Fleet fleet)
    {
        SKRect r = FlyViewLayout.StatusLog(w, h);
        _theme.FillRect(canvas, r, Theme.PanelBackground);
        IReadOnlyList<StatusLine> log = fleet.StatusLog;
        int lines = FlyViewLayout.StatusLogLines(r);
        int first = Math.Max(0, log.Count - lines);
        for (int i = first; i < log.Count; i++)
        {
            StatusLine line = log[i];
            SKColor color = line.Severity <= 3 ? BadColor : line.Severity == 4 ? WarnColor : SKColors.White;
            float y = r.Top + 16 + ((i - first) * FlyViewLayout.StatusLogLinePx);
            _theme.DrawText(canvas, line.SeverityName, r.Left + 6, y, color, _theme.SmallFont);
            _theme.DrawText(canvas, line.Text, r.Left + 62, y, color, _theme.SmallFont);
        }
    }

    private void DrawButtons(SKCanvas canvas, FlyViewController ui)
    {
        _theme.FillRect(canvas, FlyViewLayout.ActionBar(ui.Width, ui.Height), Theme.PanelBackground);
        if (ui.PendingConfirm != UiAction.None)
        {
            SKRect dialog = FlyViewLayout.ConfirmDialog(ui.Width, ui.Height);
            _theme.FillRect(canvas, dialog, new SKColor(20, 24, 30, 235));
            _theme.Stroke.Color = WarnColor;
            _theme.Stroke.StrokeWidth = 2;
            canvas.DrawRect(dialog, _theme.Stroke);
            string question = ui.PendingConfirm switch
            {
                UiAction.Arm => "Arm the motors of vehicle " + ui.Fleet.Selected?.SystemId.ToString(CultureInfo.InvariantCulture) + "?",
                UiAction.Disarm => "Disarm vehicle " + ui.Fleet.Selected?.SystemId.ToString(CultureInfo.InvariantCulture) + "?",
                _ => "Fly to the marked point and hold there?",
            };
            _theme.DrawText(canvas, question, dialog.MidX, dialog.Top + 32, SKColors.White, _theme.BigFont, SKTextAlign.Center);
        }

        ButtonPainter.DrawTabs(canvas, _theme, ui.Buttons, ViewKind.Fly);
        string? currentMode = ui.ModeMenuOpen ? ui.CurrentMode()?.Name : null;
        foreach (UiButton b in ui.Buttons)
        {
            if (b.Action == UiAction.SelectVehicle || TabBar.ViewOf(b.Action) is not null)
            {
                continue;
            }

            // The mode list marks the mode the vehicle's HEARTBEAT reports.
            SKColor color = b.Action is UiAction.Arm or UiAction.Confirm ? ArmColor
                : b.Action == UiAction.SelectMode && b.Label == currentMode ? CurrentModeColor
                : ButtonColor;
            _theme.Fill.Color = color;
            canvas.DrawRoundRect(b.Rect, 5, 5, _theme.Fill);
            _theme.DrawText(canvas, b.Label, b.Rect.MidX, b.Rect.MidY + 5, SKColors.White, _theme.Font, SKTextAlign.Center);
        }
    }

    private void DrawCommandLine(SKCanvas canvas, FlyViewController ui)
    {
        CommandOutcome? last = ui.LastCommand;
        if (last is null)
        {
            return;
        }

        (CommandState state, _) = last.Snapshot;
        string text = ui.CommandLine() ?? string.Empty;

        SKColor color = state switch
        {
            CommandState.Accepted => OkColor,
            CommandState.Pending => SKColors.White,
            CommandState.Denied => BadColor,
            _ => WarnColor,
        };
        SKRect bar = FlyViewLayout.ActionBar(ui.Width, ui.Height);
        _theme.FillRect(canvas, new SKRect(bar.Right + 6, bar.Top, Math.Min(ui.Width - 10, bar.Right + 460), bar.Bottom), Theme.PanelBackground);
        _theme.DrawText(canvas, text, bar.Right + 14, bar.MidY + 5, color, _theme.Font);
    }

    private static string FixName(int fix) => fix switch
    {
        0 => "NO GPS",
        1 => "NO FIX",
        2 => "2D",
        3 => "3D",
        4 => "DGPS",
        5 => "RTK FLOAT",
        6 => "RTK FIXED",
        _ => "FIX " + fix.ToString(CultureInfo.InvariantCulture),
    };

    private static string Num(double value, string format) => double.IsFinite(value) ? value.ToString(format, CultureInfo.InvariantCulture) : "--";
}
