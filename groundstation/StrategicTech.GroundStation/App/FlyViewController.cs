using SkiaSharp;
using StrategicTech.Drivers.Mavlink.Dialects.Common;
using StrategicTech.GroundStation.Link;
using StrategicTech.GroundStation.Model;
using StrategicTech.GroundStation.Rendering;

namespace StrategicTech.GroundStation.App;

/// <summary>
/// The fly view's state and input: layout of its buttons for the current size, pan/zoom of the map, the
/// confirm step for arm/disarm and "go here", and the commands they send. Render-thread only; input arrives as
/// plain calls (from SDL events or tests), so it is testable without a window.
/// </summary>
public sealed class FlyViewController
{
    public const float ButtonWidth = 96;
    public const float ButtonHeight = 34;
    public const float VehicleRowHeight = 22;
    public const float ModeRowHeight = 28;
    public const float ModeMenuWidth = 140;

    /// <summary>How long a confirm prompt stays up, µs.</summary>
    public const long ConfirmTimeoutUs = 6_000_000;

    /// <summary>Default take-off height above home, metres.</summary>
    public const float TakeoffHeightM = 10;

    private readonly List<UiButton> _buttons = new(32);
    private readonly ICommandSender? _sender;
    private float _dragStartX;
    private float _dragStartY;
    private float _lastX;
    private float _lastY;
    private bool _dragging;
    private bool _pressedOnMap;

    public FlyViewController(Fleet fleet, ICommandSender? sender)
    {
        Fleet = fleet ?? throw new ArgumentNullException(nameof(fleet));
        _sender = sender;
    }

    public Fleet Fleet { get; }

    public MapView Map { get; } = new();

    public float Width { get; private set; } = 1280;

    public float Height { get; private set; } = 720;

    /// <summary>The buttons of the last layout (what a click can hit).</summary>
    public IReadOnlyList<UiButton> Buttons => _buttons;

    /// <summary>An action waiting for the pilot's confirm (Arm, Disarm, or Confirm for "go here"), or None.</summary>
    public UiAction PendingConfirm { get; private set; }

    public long PendingSinceUs { get; private set; }

    /// <summary>The map point clicked for "go here", until confirmed or cancelled.</summary>
    public (double Lat, double Lon)? GoHereTarget { get; private set; }

    /// <summary>The last command sent and its result.</summary>
    public CommandOutcome? LastCommand { get; private set; }

    public long NowUs { get; private set; }

    /// <summary>True while the flight-mode list (opened by MODE) is up.</summary>
    public bool ModeMenuOpen { get; private set; }

    /// <summary>Per-frame logic: link ageing, map follow, confirm expiry, layout. Call before rendering.</summary>
    public void Update(long nowUs, float width, float height)
    {
        NowUs = nowUs;
        Width = width;
        Height = height;
        Fleet.Update(nowUs);
        VehicleState? v = Fleet.Selected;
        if (v is not null && Map.Follow && v.HasPosition)
        {
            Map.CenterOn(v.LatDeg, v.LonDeg);
        }
        else if (!Map.HasCenter && v is not null && v.HasHome)
        {
            Map.CenterOn(v.HomeLatDeg, v.HomeLonDeg);
        }

        if (PendingConfirm != UiAction.None && nowUs - PendingSinceUs > ConfirmTimeoutUs)
        {
            CancelPending();
        }

        Layout();
    }

    /// <summary>The button with <paramref name="action"/> in the current layout (for tests and scripted input).</summary>
    public UiButton? FindButton(UiAction action, byte systemId = 0)
    {
        foreach (UiButton b in _buttons)
        {
            if (b.Action == action && (systemId == 0 || b.SystemId == systemId))
            {
                return b;
            }
        }

        return null;
    }

    public void MouseDown(float x, float y)
    {
        _dragStartX = _lastX = x;
        _dragStartY = _lastY = y;
        _pressedOnMap = Hit(x, y) is null && !OverPanel(x, y);
        _dragging = false;
    }

    public void MouseMove(float x, float y, bool buttonDown)
    {
        if (buttonDown && _pressedOnMap)
        {
            if (_dragging || Math.Abs(x - _dragStartX) + Math.Abs(y - _dragStartY) > 6)
            {
                _dragging = true;
                Map.Pan(x - _lastX, y - _lastY);
            }
        }

        _lastX = x;
        _lastY = y;
    }

    public void MouseUp(float x, float y)
    {
        if (_dragging)
        {
            _dragging = false;
            return;
        }

        UiButton? hit = Hit(x, y);
        if (ModeMenuOpen && hit?.Action is not (UiAction.ModeMenu or UiAction.SelectMode))
        {
            // A click beside the open mode list only closes it (no "go here" by accident).
            ModeMenuOpen = false;
            Layout();
            if (hit is null)
            {
                _pressedOnMap = false;
                return;
            }
        }

        if (hit is { } button)
        {
            Click(button);
        }
        else if (_pressedOnMap && Map.HasCenter && Fleet.Selected is not null)
        {
            GoHereTarget = Map.ToGeo(x, y, Width, Height);
            Ask(UiAction.Confirm);
        }

        _pressedOnMap = false;
    }

    /// <summary>Mouse wheel: positive zooms in around the pointer.</summary>
    public void Wheel(float x, float y, float steps) => Map.Zoom(Math.Pow(1.25, -steps), x, y, Width, Height);

    /// <summary>Keyboard shortcuts (see the README): Tab next vehicle, +/- zoom, F follow, Esc cancel, A arm, D disarm, T takeoff, L land, R RTL, H hold, M mission, O mode list.</summary>
    public void Key(char key)
    {
        switch (char.ToUpperInvariant(key))
        {
            case '\t':
                SelectNext();
                break;
            case '+' or '=':
                Map.Zoom(0.8, Width / 2, Height / 2, Width, Height);
                break;
            case '-':
                Map.Zoom(1.25, Width / 2, Height / 2, Width, Height);
                break;
            case 'F':
                Map.Follow = true;
                break;
            case '\u001b':
                ModeMenuOpen = false;
                CancelPending();
                break;
            case 'O':
                ToggleModeMenu();
                break;
            case 'A':
                Ask(UiAction.Arm);
                break;
            case 'D':
                Ask(UiAction.Disarm);
                break;
            case 'T':
                Run(UiAction.Takeoff);
                break;
            case 'L':
                Run(UiAction.Land);
                break;
            case 'R':
                Run(UiAction.ReturnToLaunch);
                break;
            case 'H':
                Run(UiAction.Hold);
                break;
            case 'M':
                Run(UiAction.MissionStart);
                break;
            case '\r' or '\n':
                if (PendingConfirm != UiAction.None)
                {
                    Click(new UiButton(UiAction.Confirm, default, string.Empty));
                }

                break;
            default:
                break;
        }
    }

    /// <summary>The reason a vehicle gave for the last command: its newest STATUSTEXT since the command was sent.</summary>
    public string? LastCommandReason()
    {
        if (LastCommand is null)
        {
            return null;
        }

        IReadOnlyList<StatusLine> log = Fleet.StatusLog;
        for (int i = log.Count - 1; i >= 0 && log[i].TimeUs >= LastCommand.SentUs; i--)
        {
            if (log[i].Severity <= 4)
            {
                return log[i].Text;
            }
        }

        return null;
    }

    /// <summary>The command line beside the action bar: the last command's COMMAND_ACK result, and on a denial the vehicle's reason.</summary>
    public string? CommandLine()
    {
        if (LastCommand is null)
        {
            return null;
        }

        string text = LastCommand.Describe();
        return LastCommand.Snapshot.State == CommandState.Denied && LastCommandReason() is { } reason ? text + ": " + reason : text;
    }

    /// <summary>The selected vehicle's menu entry for the mode its HEARTBEAT reports, or null.</summary>
    public FlightModeChoice? CurrentMode() =>
        Fleet.Selected is { } v ? FlightModes.Current(v.Autopilot, v.MavType, v.CustomMode) : null;

    private void ToggleModeMenu()
    {
        VehicleState? v = Fleet.Selected;
        ModeMenuOpen = !ModeMenuOpen && v is not null && FlightModes.For(v.Autopilot, v.MavType).Count > 0;
        Layout();
    }

    private void Click(UiButton button)
    {
        switch (button.Action)
        {
            case UiAction.SelectVehicle:
                Fleet.Select(button.SystemId);
                Map.Follow = true;
                break;
            case UiAction.Arm or UiAction.Disarm:
                Ask(button.Action);
                break;
            case UiAction.Cancel:
                CancelPending();
                break;
            case UiAction.ModeMenu:
                ToggleModeMenu();
                break;
            case UiAction.SelectMode:
                ModeMenuOpen = false;
                SendMode(button.Label);
                Layout();
                break;
            case UiAction.Confirm:
                UiAction pending = PendingConfirm;
                CancelPendingKeepTarget();
                if (pending == UiAction.Confirm && GoHereTarget is { } target)
                {
                    SendGoHere(target);
                }
                else if (pending is UiAction.Arm or UiAction.Disarm)
                {
                    Run(pending);
                }

                GoHereTarget = null;
                break;
            default:
                Run(button.Action);
                break;
        }
    }

    private void Ask(UiAction action)
    {
        if (Fleet.Selected is null)
        {
            return;
        }

        if (action != UiAction.Confirm)
        {
            GoHereTarget = null;
        }

        PendingConfirm = action;
        PendingSinceUs = NowUs;
        Layout();
    }

    private void CancelPending()
    {
        CancelPendingKeepTarget();
        GoHereTarget = null;
    }

    private void CancelPendingKeepTarget()
    {
        PendingConfirm = UiAction.None;
        Layout();
    }

    private void SendGoHere((double Lat, double Lon) target)
    {
        VehicleState? v = Fleet.Selected;
        if (v is null || _sender is null)
        {
            return;
        }

        LastCommand = _sender.GoTo(v.SystemId, target.Lat, target.Lon, float.NaN);
    }

    /// <summary>Sends the command of <paramref name="action"/> to the selected vehicle (arm and disarm only via a confirm).</summary>
    private void Run(UiAction action)
    {
        VehicleState? v = Fleet.Selected;
        if (v is null || _sender is null)
        {
            return;
        }

        byte id = v.SystemId;
        LastCommand = action switch
        {
            UiAction.Arm => _sender.Send("ARM", id, MavCmd.ComponentArmDisarm, 1),
            UiAction.Disarm => _sender.Send("DISARM", id, MavCmd.ComponentArmDisarm, 0),

            // param7 is the take-off altitude AMSL: home + height (NaN lets the vehicle use its default height).
            UiAction.Takeoff => _sender.Send("TAKEOFF", id, MavCmd.NavTakeoff, -1, 0, 0, float.NaN, float.NaN, float.NaN,
                v.HasHome ? (float)(v.HomeAltitudeAmslM + TakeoffHeightM) : float.NaN),
            UiAction.Land => _sender.Send("LAND", id, MavCmd.NavLand, 0, 0, 0, float.NaN, float.NaN, float.NaN, float.NaN),
            UiAction.ReturnToLaunch => _sender.Send("RTL", id, MavCmd.NavReturnToLaunch),
            UiAction.Hold => SendHold(v),
            UiAction.MissionStart => _sender.Send("MISSION", id, MavCmd.MissionStart, 0, 0),
            _ => LastCommand,
        };
    }

    /// <summary>
    /// The gamepad's mode switch: POSCTL (sticks fly) when the selected vehicle is in any other mode, HOLD when it is
    /// in POSCTL. ArduPilot's stick modes are not mapped: it gets HOLD.
    /// </summary>
    public void SwitchManualMode()
    {
        if (Fleet.Selected is not { } v || _sender is null)
        {
            return;
        }

        bool inPosctl = v.Autopilot == FlightModeNames.AutopilotPx4 && CurrentMode() == FlightModes.Px4Position;
        LastCommand = inPosctl || v.Autopilot == FlightModeNames.AutopilotArdupilot
            ? SendHold(v)
            : SendSetMode("POSCTL", v.SystemId, FlightModes.Px4Position);
    }

    private CommandOutcome SendHold(VehicleState v) => SendSetMode("HOLD", v.SystemId, FlightModes.Hold(v.Autopilot, v.MavType));

    /// <summary>The mode menu's pick: DO_SET_MODE with that autopilot's numbers for the mode named <paramref name="name"/>.</summary>
    private void SendMode(string name)
    {
        if (Fleet.Selected is not { } v || _sender is null || FlightModes.Find(v.Autopilot, v.MavType, name) is not { } mode)
        {
            return;
        }

        LastCommand = SendSetMode("MODE " + mode.Name.ToUpperInvariant(), v.SystemId, mode);
    }

    private CommandOutcome SendSetMode(string label, byte systemId, FlightModeChoice mode) =>
        _sender!.Send(label, systemId, MavCmd.DoSetMode, FlightModes.CustomModeEnabled, mode.Param2, mode.Param3);

    private void SelectNext()
    {
        IList<VehicleState> all = Fleet.Vehicles;
        if (all.Count == 0)
        {
            return;
        }

        int index = Fleet.Selected is null ? -1 : all.IndexOf(Fleet.Selected);
        Fleet.Select(all[(index + 1) % all.Count].SystemId);
        Map.Follow = true;
    }

    private UiButton? Hit(float x, float y)
    {
        // Later buttons (the confirm dialog) sit on top.
        for (int i = _buttons.Count - 1; i >= 0; i--)
        {
            if (_buttons[i].Rect.Contains(x, y))
            {
                return _buttons[i];
            }
        }

        return null;
    }

    private bool OverPanel(float x, float y) =>
        FlyViewLayout.VehicleList(Fleet.Vehicles.Count).Contains(x, y)
        || FlyViewLayout.RightColumn(Width, Height).Contains(x, y)
        || FlyViewLayout.ActionBar(Width, Height).Contains(x, y);

    private void Layout()
    {
        _buttons.Clear();
        TabBar.Layout(Width, _buttons);
        SKRect list = FlyViewLayout.VehicleList(Fleet.Vehicles.Count);
        for (int i = 0; i < Fleet.Vehicles.Count; i++)
        {
            float top = list.Top + 24 + (i * VehicleRowHeight);
            _buttons.Add(new UiButton(UiAction.SelectVehicle, new SKRect(list.Left, top, list.Right, top + VehicleRowHeight), string.Empty, Fleet.Vehicles[i].SystemId));
        }

        SKRect bar = FlyViewLayout.ActionBar(Width, Height);
        float x = bar.Left + 6;
        bool armed = Fleet.Selected?.Armed ?? false;
        foreach ((UiAction action, string label) in armed ? ArmedButtons : DisarmedButtons)
        {
            _buttons.Add(new UiButton(action, new SKRect(x, bar.Top + 5, x + ButtonWidth, bar.Top + 5 + ButtonHeight), label));
            x += ButtonWidth + 6;
        }

        if (ModeMenuOpen && Fleet.Selected is { } selected && FindButton(UiAction.ModeMenu) is { } modeButton)
        {
            // The list opens upwards from the MODE button, first mode on top.
            IReadOnlyList<FlightModeChoice> modes = FlightModes.For(selected.Autopilot, selected.MavType);
            float top = modeButton.Rect.Top - 6 - (modes.Count * ModeRowHeight);
            for (int i = 0; i < modes.Count; i++)
            {
                float y = top + (i * ModeRowHeight);
                _buttons.Add(new UiButton(UiAction.SelectMode, new SKRect(modeButton.Rect.Left, y, modeButton.Rect.Left + ModeMenuWidth, y + ModeRowHeight - 3), modes[i].Name));
            }
        }

        if (PendingConfirm != UiAction.None)
        {
            SKRect dialog = FlyViewLayout.ConfirmDialog(Width, Height);
            string label = PendingConfirm switch
            {
                UiAction.Arm => "CONFIRM ARM",
                UiAction.Disarm => "CONFIRM DISARM",
                _ => "GO HERE",
            };
            _buttons.Add(new UiButton(UiAction.Confirm, new SKRect(dialog.Left + 20, dialog.Bottom - 50, dialog.Left + 170, dialog.Bottom - 14), label));
            _buttons.Add(new UiButton(UiAction.Cancel, new SKRect(dialog.Right - 130, dialog.Bottom - 50, dialog.Right - 20, dialog.Bottom - 14), "CANCEL"));
        }
    }

    private static readonly (UiAction, string)[] DisarmedButtons =
        [(UiAction.Arm, "ARM"), (UiAction.Takeoff, "TAKEOFF"), (UiAction.MissionStart, "MISSION"), (UiAction.Land, "LAND"), (UiAction.ReturnToLaunch, "RTL"), (UiAction.Hold, "HOLD"), (UiAction.ModeMenu, "MODE")];

    private static readonly (UiAction, string)[] ArmedButtons =
        [(UiAction.Disarm, "DISARM"), (UiAction.Takeoff, "TAKEOFF"), (UiAction.MissionStart, "MISSION"), (UiAction.Land, "LAND"), (UiAction.ReturnToLaunch, "RTL"), (UiAction.Hold, "HOLD"), (UiAction.ModeMenu, "MODE")];
}
