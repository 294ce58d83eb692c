using System.Diagnostics;
using System.Globalization;
using StrategicTech.GroundStation.Gamepad;
using StrategicTech.GroundStation.Link;
using StrategicTech.GroundStation.Model;
using StrategicTech.GroundStation.Platform;
using StrategicTech.GroundStation.Rendering;
using StrategicTech.GroundStation.Replay;

namespace StrategicTech.GroundStation.App;

/// <summary>
/// The windowed ground station: an SDL2 OpenGL window, Skia drawing on its framebuffer, and a loop that per frame
/// polls input, drains decoded telemetry from the link's queue (or plays the replay on), runs
/// <see cref="FlyViewController.Update"/> and then renders. All SDL and GL calls happen on the thread that calls
/// <see cref="Run"/>; other threads may only inject input (<see cref="InjectedInput"/>) and read <see cref="Buttons"/>.
/// </summary>
public sealed class GroundStationWindow : IDisposable
{
    private readonly GcsOptions _options;
    private readonly GroundLink? _link;
    private readonly TlogReplay? _replay;
    private readonly Fleet _fleet;
    private readonly FlyViewController _ui;
    private readonly FlyViewRenderer _renderer = new();
    private readonly ParameterViewController _parameters;
    private readonly InspectorViewController _inspector;
    private readonly ParameterViewRenderer _parameterRenderer;
    private readonly InspectorViewRenderer _inspectorRenderer;
    private readonly PlanViewController _plan;
    private readonly PlanViewRenderer _planRenderer;
    private readonly ReplayTimeline? _timeline;
    private readonly ReplaySeries? _series;
    private readonly ReplayRenderer _replayRenderer;
    private readonly GamepadState _pad = new(new GamepadSettings());
    private readonly GamepadRenderer _padRenderer;
    private nint _controller;
    private nint _window;
    private nint _glContext;
    private SkiaGlTarget? _target;
    private volatile UiButton[] _buttons = [];
    private volatile Navigation.Missions.MissionItem[] _planItems = [];
    private int _planRevision = -1;
    private volatile bool _ready;
    private volatile string? _commandLine;
    private (CommandOutcome? Command, CommandState State, StatusLine Newest) _commandLineSource;
    private bool _mouseDown;
    private double _shownReplayS = double.NaN;
    private bool _padConnected;

    private GroundStationWindow(GcsOptions options, Fleet fleet, GroundLink? link, TlogReplay? replay)
    {
        _options = options;
        _fleet = fleet;
        _link = link;
        _replay = replay;
        _ui = new FlyViewController(_fleet, link);
        _parameters = new ParameterViewController(_fleet, link?.Parameters);
        _inspector = new InspectorViewController(link?.Inspector, link is null ? null : () => link.Counters);
        _parameterRenderer = new ParameterViewRenderer(_renderer.Theme);
        _inspectorRenderer = new InspectorViewRenderer(_renderer.Theme);
        _plan = new PlanViewController(_fleet, link?.Plans);
        _planRenderer = new PlanViewRenderer(_renderer.Theme);
        _replayRenderer = new ReplayRenderer(_renderer.Theme);
        _padRenderer = new GamepadRenderer(_renderer.Theme);
        if (replay is not null)
        {
            _timeline = new ReplayTimeline(replay.DurationS, options.SeekS);
            _series = ReplaySeries.Decode(replay);
        }
    }

    /// <summary>The view on screen (tabs or F1-F3 switch it).</summary>
    public ViewKind View { get; private set; }

    /// <summary>The parameter view's state (render thread owns it; tests read it after the window stops).</summary>
    public ParameterViewController ParametersView => _parameters;

    /// <summary>The plan view's state (render thread owns it; tests read its map and document).</summary>
    public PlanViewController PlanView => _plan;

    /// <summary>The plan's mission items as of the last rendered plan-view frame (safe from any thread).</summary>
    public IReadOnlyList<Navigation.Missions.MissionItem> PlanItems => _planItems;

    /// <summary>The buttons of the last rendered frame (safe from any thread).</summary>
    public IReadOnlyList<UiButton> Buttons => _buttons;

    /// <summary>The fly view's command line (last command's COMMAND_ACK and reason) as of the last frame (safe from any thread).</summary>
    public string? CommandLine => _commandLine;

    /// <summary>True once the first frame is on screen.</summary>
    public bool Ready => _ready;

    public long FramesRendered { get; private set; }

    public FrameTimes? Times { get; private set; }

    public GroundLink? Link => _link;

    /// <summary>The vehicles as the views see them (the render thread writes; other threads may only read).</summary>
    public Fleet Fleet => _fleet;

    /// <summary>True while a game controller is open (render thread writes; tests read).</summary>
    public bool GamepadConnected => Volatile.Read(ref _padConnected);

    /// <summary>The replay time shown by the last rendered frame, s after the log's first record (NaN live).</summary>
    public double ShownReplayS
    {
        get => Volatile.Read(ref _shownReplayS);
        private set => Volatile.Write(ref _shownReplayS, value);
    }

    /// <summary>Opens the link (or replay) the options name; returns null with a message on bad input.</summary>
    public static GroundStationWindow? Create(GcsOptions options, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(error);
        Tiles.TileLayer? tiles;
        try
        {
            tiles = Tiles.TileSources.Create(options);
        }
        catch (Tiles.TileSourceException ex)
        {
            error.WriteLine("error: " + ex.Message);
            return null;
        }

        GroundStationWindow? window = CreateWithLink(options, error);
        if (window is null)
        {
            tiles?.Dispose();
            return null;
        }

        window._renderer.Tiles = tiles;
        window._planRenderer.Tiles = tiles;
        return window;
    }

    private static GroundStationWindow? CreateWithLink(GcsOptions options, TextWriter error)
    {
        if (options.ReplayPath is not null)
        {
            try
            {
                var fleet = new Fleet();
                TlogReplay replay = TlogReplay.Open(options.ReplayPath, fleet);
                return new GroundStationWindow(options, fleet, null, replay);
            }
            catch (Exception ex) when (ex is IOException or InvalidDataException)
            {
                error.WriteLine("error: --replay " + ex.Message);
                return null;
            }
        }

        Drivers.Mavlink.MavlinkSigningKey? key = null;
        if (options.SigningKeyPath is not null)
        {
            try
            {
                key = Drivers.Mavlink.MavlinkSigningKey.Load(options.SigningKeyPath);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException or ArgumentException)
            {
                error.WriteLine($"error: --signing-key '{options.SigningKeyPath}': {ex.Message}");
                return null;
            }
        }

        try
        {
            var link = new GroundLink(Drivers.Mavlink.Transports.MavlinkTransports.Open(options.ConnectUrl), key);
            return new GroundStationWindow(options, new Fleet(), link, null);
        }
        catch (Exception ex) when (ex is FormatException or IOException or System.Net.Sockets.SocketException or UnauthorizedAccessException or InvalidOperationException)
        {
            error.WriteLine($"error: cannot open '{options.ConnectUrl}': {ex.Message}");
            return null;
        }
    }

    /// <summary>Opens the window and runs until it is closed, <paramref name="stop"/> fires or the frame limit is reached.</summary>
    public void Run(CancellationToken stop)
    {
        OpenWindow();
        _link?.Start();
        Fleet fleet = _fleet;
        FlyViewController ui = _ui;
        Times = new FrameTimes(_options.FrameLimit > 0 ? _options.FrameLimit : 100_000);
        _replay?.PlayTo(_timeline!.PositionS);
        long periodTicks = Stopwatch.Frequency / Math.Max(1, _options.MaxFps);
        long last = Stopwatch.GetTimestamp();
        bool running = true;
        while (running && !stop.IsCancellationRequested)
        {
            long start = Stopwatch.GetTimestamp();
            running = PollEvents(ui);
            long nowUs;
            if (_replay is not null)
            {
                _timeline!.Advance(Stopwatch.GetElapsedTime(last, start).TotalSeconds);
                _replay.SeekTo(_timeline.PositionS);
                ShownReplayS = _replay.PlayedS;
                nowUs = _replay.NowUs;
                _renderer.SourceLine = string.Create(CultureInfo.InvariantCulture, $"replay {Path.GetFileName(_replay.Path)}  t = {_replay.PlayedS:0.0} s");
            }
            else
            {
                fleet.ApplyAll(_link!.Queue);
                nowUs = _link.Clock.TimeUs;
                if (_pad.Connected && fleet.Selected is { } piloted)
                {
                    _link.SetManualControl(_pad.ToMessage(piloted.SystemId), _pad.Settings.PeriodUs);
                }
                _renderer.SourceLine = _link.Name;
            }

            last = start;
            Sdl.GlGetDrawableSize(_window, out int w, out int h);
            if (w != _target!.Width || h != _target.Height)
            {
                _target.Resize(Math.Max(1, w), Math.Max(1, h));
            }

            ui.Update(nowUs, _target.Width, _target.Height);
            IReadOnlyList<UiButton> shown;
            switch (View)
            {
                case ViewKind.Parameters:
                    _parameters.Update(_target.Width, _target.Height);
                    _parameterRenderer.Draw(_target.Surface.Canvas, _parameters);
                    shown = _parameters.Buttons;
                    break;
                case ViewKind.Inspector:
                    _parameters.Drain();
                    _inspector.Update(nowUs, _target.Width, _target.Height);
                    _inspectorRenderer.Draw(_target.Surface.Canvas, _inspector);
                    shown = _inspector.Buttons;
                    break;
                case ViewKind.Plan:
                    _parameters.Drain();
                    _plan.Update(nowUs, _target.Width, _target.Height);
                    _planRenderer.Draw(_target.Surface.Canvas, _plan);
                    shown = _plan.Buttons;
                    if (_plan.Document.Revision != _planRevision)
                    {
                        _planRevision = _plan.Document.Revision;
                        _planItems = [.. _plan.Document.Items];
                    }

                    break;
                default:
                    _parameters.Drain();
                    _renderer.Draw(_target.Surface.Canvas, ui);
                    shown = ui.Buttons;
                    if (_pad.Connected || _pad.Disconnects > 0)
                    {
                        _padRenderer.Draw(_target.Surface.Canvas, _target.Width, _target.Height, _pad, fleet.Selected);
                    }
                    if (_timeline is not null)
                    {
                        _timeline.Layout(_target.Width, _target.Height);
                        _replayRenderer.Draw(_target.Surface.Canvas, _timeline, _series, fleet.Selected?.SystemId);
                        shown = [.. shown, .. _timeline.Buttons];
                    }

                    break;
            }

            _target.Flush();
            Sdl.GlSwapWindow(_window);
            _buttons = [.. shown];
            PublishCommandLine();
            _ready = true;
            FramesRendered++;
            Times.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
            if (_options.FrameLimit > 0 && FramesRendered >= _options.FrameLimit)
            {
                break;
            }

            // Cap the frame rate: a software renderer on a shared machine should not spin.
            long spare = periodTicks - (Stopwatch.GetTimestamp() - start);
            if (spare > 0)
            {
                Thread.Sleep(TimeSpan.FromSeconds((double)spare / Stopwatch.Frequency));
            }
        }
    }

    public void Dispose()
    {
        _link?.Dispose();
        _renderer.Tiles?.Dispose();
        _target?.Dispose();
        _planRenderer.Dispose();
        _renderer.Dispose();
        if (_controller != 0)
        {
            Sdl.GameControllerClose(_controller);
            _controller = 0;
        }

        if (_glContext != 0)
        {
            Sdl.GlDeleteContext(_glContext);
            _glContext = 0;
        }

        if (_window != 0)
        {
            Sdl.DestroyWindow(_window);
            _window = 0;
            Sdl.Quit();
        }
    }

    private void OpenWindow()
    {
        if (Sdl.Init(Sdl.InitVideo | Sdl.InitEvents) != 0)
        {
            throw new InvalidOperationException("SDL_Init(video) failed: " + Sdl.GetError() + " (is DISPLAY set and libsdl2-2.0-0 installed?)");
        }

        // Game controllers are optional: without the subsystem the window still flies by mouse and keys.
        if (Sdl.InitSubSystem(Sdl.InitGameController) != 0)
        {
            Console.Error.WriteLine("warning: SDL game controller support unavailable: " + Sdl.GetError());
        }

        Sdl.GlSetAttribute(Sdl.GlContextMajorVersion, 3);
        Sdl.GlSetAttribute(Sdl.GlContextMinorVersion, 0);
        Sdl.GlSetAttribute(Sdl.GlStencilSize, 8);
        Sdl.GlSetAttribute(Sdl.GlDoubleBuffer, 1);
        _window = Sdl.CreateWindow("StrategicTech Ground Station", Sdl.WindowPosCentered, Sdl.WindowPosCentered, _options.Width, _options.Height,
            Sdl.WindowOpenGl | Sdl.WindowShown | Sdl.WindowResizable);
        if (_window == 0)
        {
            throw new InvalidOperationException("SDL_CreateWindow(OpenGL) failed: " + Sdl.GetError());
        }

        _glContext = Sdl.GlCreateContext(_window);
        if (_glContext == 0)
        {
            throw new InvalidOperationException("SDL_GL_CreateContext failed: " + Sdl.GetError());
        }

        Sdl.GlSetSwapInterval(_options.FrameLimit > 0 ? 0 : 1);
        Sdl.GlGetDrawableSize(_window, out int w, out int h);
        _target = new SkiaGlTarget(GlProc, w, h, offscreen: false);
    }

    // Skia probes EGL entry points too; SDL's loader would hand back GLX-resolved junk for them and crash.
    private static nint GlProc(string name) => name.StartsWith("egl", StringComparison.Ordinal) ? 0 : Sdl.GlGetProcAddress(name);

    private bool PollEvents(FlyViewController ui)
    {
        while (Sdl.PollEvent(out SdlEvent e) != 0)
        {
            switch (e.Type)
            {
                case Sdl.EventQuit:
                    return false;
                case Sdl.EventMouseButtonDown when e.Button == Sdl.ButtonLeft:
                    _mouseDown = true;
                    if (View == ViewKind.Fly && _timeline?.MouseDown(e.X, e.Y) != true)
                    {
                        ui.MouseDown(e.X, e.Y);
                    }
                    else if (View == ViewKind.Plan)
                    {
                        _plan.MouseDown(e.X, e.Y);
                    }

                    break;
                case Sdl.EventMouseButtonUp when e.Button == Sdl.ButtonLeft:
                    _mouseDown = false;
                    if (TabAt(e.X, e.Y) is { } tab)
                    {
                        View = tab;
                        break;
                    }

                    switch (View)
                    {
                        case ViewKind.Parameters:
                            _parameters.MouseUp(e.X, e.Y);
                            break;
                        case ViewKind.Inspector:
                            _inspector.MouseUp(e.X, e.Y);
                            break;
                        case ViewKind.Plan:
                            _plan.MouseUp(e.X, e.Y);
                            break;
                        default:
                            if (_timeline?.MouseUp(e.X, e.Y) != true)
                            {
                                ui.MouseUp(e.X, e.Y);
                            }

                            break;
                    }

                    break;
                case Sdl.EventMouseMotion:
                    if (View == ViewKind.Fly && _timeline?.MouseMove(e.X) != true)
                    {
                        ui.MouseMove(e.X, e.Y, _mouseDown);
                    }
                    else if (View == ViewKind.Plan)
                    {
                        _plan.MouseMove(e.X, e.Y, _mouseDown);
                    }

                    break;
                case Sdl.EventMouseWheel:
                    Sdl.GetMouseState(out int mx, out int my);
                    switch (View)
                    {
                        case ViewKind.Parameters:
                            _parameters.Wheel(e.WheelY);
                            break;
                        case ViewKind.Inspector:
                            _inspector.Wheel(e.WheelY);
                            break;
                        case ViewKind.Plan:
                            _plan.Wheel(mx, my, e.WheelY);
                            break;
                        default:
                            ui.Wheel(mx, my, e.WheelY);
                            break;
                    }

                    break;
                case Sdl.EventKeyDown:
                    OnKey(ui, e.KeySym);
                    break;
                case Sdl.EventControllerDeviceAdded:
                case Sdl.EventControllerDeviceRemoved:
                case Sdl.EventControllerAxisMotion:
                case Sdl.EventControllerButtonDown:
                    OnController(ui, e);
                    break;
                case Sdl.EventTextInput:
                    if (View == ViewKind.Parameters)
                    {
                        _parameters.Text(e.Text.Read());
                    }
                    else if (View == ViewKind.Plan)
                    {
                        _plan.Text(e.Text.Read());
                    }

                    break;
                default:
                    break;
            }
        }

        return true;
    }

    private void OnController(FlyViewController ui, in SdlEvent e)
    {
        switch (e.Type)
        {
            case Sdl.EventControllerDeviceAdded when _controller == 0:
                _controller = Sdl.GameControllerOpen(e.Which);
                if (_controller != 0)
                {
                    _pad.Connect(Sdl.JoystickInstanceId(Sdl.GameControllerGetJoystick(_controller)), Sdl.GameControllerName(_controller));
                    Volatile.Write(ref _padConnected, true);
                }

                break;
            case Sdl.EventControllerDeviceRemoved when e.Which == _pad.InstanceId:
                Sdl.GameControllerClose(_controller);
                _controller = 0;
                _pad.Disconnect();
                Volatile.Write(ref _padConnected, false);

                // The stream stops, as with a real unplugged pad: the vehicle's stick-loss failsafe decides.
                _link?.SetManualControl(null);
                break;
            case Sdl.EventControllerAxisMotion when e.Which == _pad.InstanceId:
                _pad.SetAxis(e.ControllerPart, e.AxisValue);
                break;
            case Sdl.EventControllerButtonDown when e.Which == _pad.InstanceId && e.ControllerPart == _pad.Settings.ModeButton:
                ui.SwitchManualMode();
                break;
            default:
                break;
        }
    }

    /// <summary>Rebuilds the published command line only when the command, its state or the newest STATUSTEXT changed (no string per frame).</summary>
    private void PublishCommandLine()
    {
        CommandOutcome? command = _ui.LastCommand;
        IReadOnlyList<StatusLine> log = _fleet.StatusLog;
        (CommandOutcome?, CommandState, StatusLine) source = (command, command?.Snapshot.State ?? CommandState.Pending, log.Count > 0 ? log[^1] : default);
        if (source != _commandLineSource)
        {
            _commandLineSource = source;
            _commandLine = _ui.CommandLine();
        }
    }

    private void OnKey(FlyViewController ui, int keySym)
    {
        ViewKind? target = keySym switch
        {
            KeyF1 => ViewKind.Fly,
            KeyF2 => ViewKind.Parameters,
            KeyF3 => ViewKind.Inspector,
            KeyF4 => ViewKind.Plan,
            _ => null,
        };
        if (target is { } view)
        {
            View = view;
            return;
        }

        if (View == ViewKind.Parameters)
        {
            // Characters arrive as SDL_TEXTINPUT; only control keys are taken from key-down here.
            _parameters.Key(keySym);
        }
        else if (View == ViewKind.Plan)
        {
            _plan.Key(keySym);
        }
        else if (View == ViewKind.Fly && _timeline?.Key(keySym) == true)
        {
            // A replay transport key (space, ',', '.', arrows).
        }
        else if (View == ViewKind.Fly && keySym is > 0 and < 128)
        {
            ui.Key((char)keySym);
        }
    }

    private ViewKind? TabAt(float x, float y)
    {
        foreach (UiButton b in _buttons)
        {
            if (TabBar.ViewOf(b.Action) is { } view && b.Rect.Contains(x, y))
            {
                return view;
            }
        }

        return null;
    }

    // SDL keycodes of F1-F4 (SDLK_SCANCODE_MASK | scancode 58-60).
    private const int KeyF1 = 0x4000003A;
    private const int KeyF2 = 0x4000003B;
    private const int KeyF3 = 0x4000003C;
    private const int KeyF4 = 0x4000003D;
}
