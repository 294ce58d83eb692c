using System.Diagnostics;
using StrategicTech.Autopilot.Vehicles;
using StrategicTech.GroundStation.App;
using StrategicTech.GroundStation.Tests.Headless;
using StrategicTech.Sim.Lockstep;

namespace StrategicTech.GroundStation.Tests.Ui;

/// <summary>
/// The ground station as a pilot uses it: its real SDL window on a private Xvfb display, connected over UDP
/// loopback to our SITL quad (in process, paced at real time). Mouse clicks are injected into SDL's event queue
/// at the buttons' places: ARM, then the confirm button, then TAKEOFF. The test watches the vehicle, not the
/// ground station: it must arm only after the confirm and then climb.
/// </summary>
[Collection(GlCollection.Name)]
public sealed class FlyFromTheGroundStationTests
{
    private const long SimLimitUs = 120_000_000;

    private enum Step
    {
        WaitForVehicle,
        WaitForConfirm,
        WaitForArmed,
        WaitForClimb,
        Done,
    }

    [Fact]
    public void Clicking_arm_then_confirm_then_takeoff_arms_the_sitl_quad_and_it_climbs_above_5_m()
    {
        using XvfbDisplay display = XvfbDisplay.Start();
        SitlVehicle vehicle = SitlTlog.CreateQuad();
        using VehicleMavlinkLink bridge = VehicleMavlinkLink.Attach(vehicle.Vehicle, new VehicleMavlinkLinkOptions { Bind = "udpin://127.0.0.1:0", Remote = string.Empty });
        int port = bridge.LocalEndPoint!.Port;

        var options = new GcsOptions { ConnectUrl = $"udpout://127.0.0.1:{port}", Width = 1024, Height = 640, MaxFps = 15 };
        var error = new StringWriter();
        using GroundStationWindow window = GroundStationWindow.Create(options, error) ?? throw new InvalidOperationException(error.ToString());
        using var stop = new CancellationTokenSource();
        Exception? windowFailure = null;
        var ui = new Thread(() =>
        {
            try
            {
                window.Run(stop.Token);
            }
            catch (Exception ex)
            {
                windowFailure = ex;
            }
        }) { Name = "gcs-window" };
        ui.Start();

        Step step = Step.WaitForVehicle;
        bool armedBeforeConfirm = false;
        double maxHeightM = 0;
        var wall = Stopwatch.StartNew();
        long startUs = vehicle.Clock.TimeUs;
        try
        {
            while (step != Step.Done && vehicle.Clock.TimeUs - startUs < SimLimitUs && windowFailure is null && ui.IsAlive)
            {
                vehicle.StepFor(20_000);
                double aheadMs = ((vehicle.Clock.TimeUs - startUs) / 1000.0) - wall.Elapsed.TotalMilliseconds;
                if (aheadMs > 1)
                {
                    Thread.Sleep(TimeSpan.FromMilliseconds(aheadMs));
                }

                IReadOnlyList<UiButton> buttons = window.Buttons;
                switch (step)
                {
                    case Step.WaitForVehicle when vehicle.ReadyToArm && Has(buttons, UiAction.SelectVehicle) && Find(buttons, UiAction.Arm) is { } arm:
                        InjectedInput.Click(arm.Rect.MidX, arm.Rect.MidY);
                        step = Step.WaitForConfirm;
                        break;
                    case Step.WaitForConfirm when Find(buttons, UiAction.Confirm) is { } confirm:
                        armedBeforeConfirm = vehicle.Commands.Status.Armed;
                        InjectedInput.Click(confirm.Rect.MidX, confirm.Rect.MidY);
                        step = Step.WaitForArmed;
                        break;
                    case Step.WaitForArmed when vehicle.Commands.Status.Armed && Find(buttons, UiAction.Takeoff) is { } takeoff:
                        InjectedInput.Click(takeoff.Rect.MidX, takeoff.Rect.MidY);
                        step = Step.WaitForClimb;
                        break;
                    case Step.WaitForClimb:
                        maxHeightM = Math.Max(maxHeightM, -vehicle.Truth.PositionNedM.Z);
                        if (maxHeightM > 5)
                        {
                            step = Step.Done;
                        }

                        break;
                    default:
                        break;
                }
            }
        }
        finally
        {
            stop.Cancel();
            Assert.True(ui.Join(TimeSpan.FromSeconds(30)), "the window loop did not stop");
        }

        Assert.Null(windowFailure);
        Assert.False(armedBeforeConfirm, "the vehicle armed on the ARM click alone, before the confirm");
        Assert.True(step == Step.Done, $"stopped at {step} after {(vehicle.Clock.TimeUs - startUs) / 1e6:0.0} s simulated: armed {vehicle.Commands.Status.Armed}, height {maxHeightM:0.0} m, frames {window.FramesRendered}");
        Assert.True(vehicle.Commands.Status.Armed);
        Assert.True(window.FramesRendered > 10, $"{window.FramesRendered} frames");
    }

    private static bool Has(IReadOnlyList<UiButton> buttons, UiAction action) => Find(buttons, action) is not null;

    private static UiButton? Find(IReadOnlyList<UiButton> buttons, UiAction action)
    {
        foreach (UiButton b in buttons)
        {
            if (b.Action == action)
            {
                return b;
            }
        }

        return null;
    }
}
