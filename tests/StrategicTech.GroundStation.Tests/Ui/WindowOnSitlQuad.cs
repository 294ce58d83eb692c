using System.Diagnostics;
using StrategicTech.Autopilot.Vehicles;
using StrategicTech.GroundStation.App;
using StrategicTech.GroundStation.Tests.Headless;
using StrategicTech.Sim.Lockstep;

namespace StrategicTech.GroundStation.Tests.Ui;

/// <summary>
/// The real ground-station window on a private Xvfb display, connected over UDP loopback to an in-process SITL quad
/// that the test steps in lockstep, paced to real time so the window's wall-clock timeouts mean what they say.
/// Disposing stops the window's thread (and fails if it does not stop) and the display.
/// </summary>
internal sealed class WindowOnSitlQuad : IDisposable
{
    private const long TickUs = 20_000;

    private readonly XvfbDisplay _display;
    private readonly VehicleMavlinkLink _bridge;
    private readonly CancellationTokenSource _stop = new();
    private readonly Thread _ui;
    private readonly Stopwatch _wall = Stopwatch.StartNew();
    private readonly long _startUs;
    private Exception? _failure;

    public WindowOnSitlQuad()
    {
        _display = XvfbDisplay.Start();
        Vehicle = SitlTlog.CreateQuad();
        _bridge = VehicleMavlinkLink.Attach(Vehicle.Vehicle, new VehicleMavlinkLinkOptions { Bind = "udpin://127.0.0.1:0", Remote = string.Empty });
        var options = new GcsOptions { ConnectUrl = $"udpout://127.0.0.1:{_bridge.LocalEndPoint!.Port}", Width = 1024, Height = 640, MaxFps = 15 };
        var error = new StringWriter();
        Window = GroundStationWindow.Create(options, error) ?? throw new InvalidOperationException(error.ToString());
        _ui = new Thread(() =>
        {
            try
            {
                Window.Run(_stop.Token);
            }
            catch (Exception ex)
            {
                _failure = ex;
            }
        }) { Name = "gcs-window" };
        _ui.Start();
        _startUs = Vehicle.Clock.TimeUs;
    }

    public SitlVehicle Vehicle { get; }

    /// <summary>The vehicle's MAVLink side (its endpoint serves commands, missions and parameters).</summary>
    public VehicleMavlinkLink Bridge => _bridge;

    public GroundStationWindow Window { get; }

    /// <summary>What the window's loop threw, if it did.</summary>
    public Exception? Failure => _failure;

    /// <summary>Simulated time since the session started, µs.</summary>
    public long ElapsedUs => Vehicle.Clock.TimeUs - _startUs;

    /// <summary>True while the window runs, nothing failed and <paramref name="limitUs"/> of simulated time has not passed.</summary>
    public bool Running(long limitUs) => ElapsedUs < limitUs && _failure is null && _ui.IsAlive;

    /// <summary>Steps the quad 20 ms and waits until the wall clock catches up.</summary>
    public void Step()
    {
        Vehicle.StepFor(TickUs);
        double aheadMs = (ElapsedUs / 1000.0) - _wall.Elapsed.TotalMilliseconds;
        if (aheadMs > 1)
        {
            Thread.Sleep(TimeSpan.FromMilliseconds(aheadMs));
        }
    }

    /// <summary>Stops the window's loop; the window and display stay readable until <see cref="Dispose"/>.</summary>
    public void Stop()
    {
        _stop.Cancel();
        Assert.True(_ui.Join(TimeSpan.FromSeconds(30)), "the window loop did not stop");
    }

    public void Dispose()
    {
        if (!_stop.IsCancellationRequested)
        {
            _stop.Cancel();
            _ui.Join(TimeSpan.FromSeconds(30));
        }

        Window.Dispose();
        _bridge.Dispose();
        _stop.Dispose();
        _display.Dispose();
    }

    /// <summary>The first button with <paramref name="action"/> (and <paramref name="label"/> when given).</summary>
    public static UiButton? Find(IReadOnlyList<UiButton> buttons, UiAction action, string? label = null)
    {
        foreach (UiButton b in buttons)
        {
            if (b.Action == action && (label is null || b.Label == label))
            {
                return b;
            }
        }

        return null;
    }
}
