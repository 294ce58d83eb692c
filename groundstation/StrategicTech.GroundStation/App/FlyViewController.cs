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

    /// <summary>Keyboard shortcuts (see the README): Tab next vehicle, +/- zoom, F follow, Esc cancel, A arm, D disarm, T takeoff, L land, R RTL, H hold, M mission.</summary>
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
                CancelPending();
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
    /// in POSCTL (PX4 custom modes: main 3; main 4 sub 3). ArduPilot's stick modes are not mapped: it gets HOLD.
    /// </summary>
    public void SwitchManualMode()
    {
        if (Fleet.Selected is not { } v || _sender is null)
        {
            return;
        }

        bool inPosctl = v.Autopilot == FlightModeNames.AutopilotPx4 && (byte)(v.CustomMode >> 16) == 3;
        LastCommand = inPosctl || v.Autopilot == FlightModeNames.AutopilotArdupilot
            ? SendHold(v)
            : _sender.Send("POSCTL", v.SystemId, MavCmd.DoSetMode, 1, 3, 0);
    }

    private CommandOutcome SendHold(VehicleState v)
    {
        // DO_SET_MODE with MAV_MODE_FLAG_CUSTOM_MODE_ENABLED: PX4 AUTO.LOITER; ArduPilot LOITER (copter 5, plane 12).
        (float main, float sub) = v.Autopilot == FlightModeNames.AutopilotArdupilot
            ? (v.MavType is 1 or (>= 19 and <= 22) ? 12f : 5f, 0f)
            : (4f, 3f);
        return _sender!.Send("HOLD", v.SystemId, MavCmd.DoSetMode, 1, main, sub);
    }

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
        || FlyViewLayout.RightColumn(Width).Contains(x, y)
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
        [(UiAction.Arm, "ARM"), (UiAction.Takeoff, "TAKEOFF"), (UiAction.MissionStart, "MISSION"), (UiAction.Land, "LAND"), (UiAction.ReturnToLaunch, "RTL"), (UiAction.Hold, "HOLD")];

    private static readonly (UiAction, string)[] ArmedButtons =
        [(UiAction.Disarm, "DISARM"), (UiAction.Takeoff, "TAKEOFF"), (UiAction.MissionStart, "MISSION"), (UiAction.Land, "LAND"), (UiAction.ReturnToLaunch, "RTL"), (UiAction.Hold, "HOLD")];
}
