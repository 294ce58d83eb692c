using StrategicTech.Autopilot.Flight;
using StrategicTech.GroundStation.App;
using StrategicTech.Sim.Lockstep;

namespace StrategicTech.GroundStation.Tests.Ui;

/// <summary>
/// The mode selector as a pilot uses it: the real window on Xvfb against the in-process SITL quad (PX4 custom
/// modes). Clicks injected into SDL pick MODE → Position, which the quad refuses (no stick input) and the window's
/// command line must show as DENIED with the quad's STATUSTEXT reason; then MODE → Land and MODE → Hold, which the
/// quad (on the ground, disarmed, so it switches without flying) must enter, the window showing the mode the quad's
/// HEARTBEAT reports.
/// </summary>
[Collection(GlCollection.Name)]
public sealed class ModeSelectFromTheGroundStationTests
{
    private const long SimLimitUs = 60_000_000;

    private enum Step
    {
        WaitForVehicle,
        PickPosition,
        WaitForDenial,
        PickLand,
        WaitForLand,
        PickHold,
        WaitForHold,
        Done,
    }

    [Fact]
    public void Picking_land_then_hold_in_the_mode_list_switches_the_sitl_quad_and_the_window_shows_its_heartbeat_mode()
    {
        using var session = new WindowOnSitlQuad();
        SitlVehicle vehicle = session.Vehicle;
        GroundStationWindow window = session.Window;
        Step step = Step.WaitForVehicle;
        string shownAtLand = string.Empty;
        string denial = string.Empty;
        try
        {
            while (step != Step.Done && session.Running(SimLimitUs))
            {
                session.Step();
                IReadOnlyList<UiButton> buttons = window.Buttons;
                switch (step)
                {
                    case Step.WaitForVehicle when vehicle.Commands.Status.Mode == FlightMode.Hold && WindowOnSitlQuad.Find(buttons, UiAction.SelectVehicle) is not null
                                                  && WindowOnSitlQuad.Find(buttons, UiAction.ModeMenu) is { } mode:
                        InjectedInput.Click(mode.Rect.MidX, mode.Rect.MidY);
                        step = Step.PickPosition;
                        break;
                    case Step.PickPosition when WindowOnSitlQuad.Find(buttons, UiAction.SelectMode, "Position") is { } position:
                        // No stick input reaches the quad: it refuses the manual mode with a reason.
                        InjectedInput.Click(position.Rect.MidX, position.Rect.MidY);
                        step = Step.WaitForDenial;
                        break;
                    case Step.WaitForDenial when window.CommandLine is { } line && line.Contains("DENIED", StringComparison.Ordinal)
                                                 && line.Contains("Manual mode denied", StringComparison.Ordinal)
                                                 && WindowOnSitlQuad.Find(buttons, UiAction.ModeMenu) is { } mode:
                        denial = line;
                        InjectedInput.Click(mode.Rect.MidX, mode.Rect.MidY);
                        step = Step.PickLand;
                        break;
                    case Step.PickLand when WindowOnSitlQuad.Find(buttons, UiAction.SelectMode, "Land") is { } land:
                        InjectedInput.Click(land.Rect.MidX, land.Rect.MidY);
                        step = Step.WaitForLand;
                        break;
                    case Step.WaitForLand when vehicle.Commands.Status.Mode == FlightMode.Land && window.Fleet.Selected?.ModeName == "LAND"
                                               && WindowOnSitlQuad.Find(buttons, UiAction.SelectMode) is null
                                               && WindowOnSitlQuad.Find(buttons, UiAction.ModeMenu) is { } mode:
                        shownAtLand = window.Fleet.Selected.ModeName;
                        InjectedInput.Click(mode.Rect.MidX, mode.Rect.MidY);
                        step = Step.PickHold;
                        break;
                    case Step.PickHold when WindowOnSitlQuad.Find(buttons, UiAction.SelectMode, "Hold") is { } hold:
                        InjectedInput.Click(hold.Rect.MidX, hold.Rect.MidY);
                        step = Step.WaitForHold;
                        break;
                    case Step.WaitForHold when vehicle.Commands.Status.Mode == FlightMode.Hold && window.Fleet.Selected?.ModeName == "HOLD":
                        step = Step.Done;
                        break;
                    default:
                        break;
                }
            }
        }
        finally
        {
            session.Stop();
        }

        Assert.Null(session.Failure);
        Assert.True(step == Step.Done, $"stopped at {step} after {session.ElapsedUs / 1e6:0.0} s simulated: vehicle mode {vehicle.Commands.Status.Mode}, shown {window.Fleet.Selected?.ModeName}");
        Assert.Equal("LAND", shownAtLand);
        Assert.StartsWith("MODE POSITION: DENIED", denial, StringComparison.Ordinal);
        Assert.EndsWith("Manual mode denied: no context.Manual input", denial, StringComparison.Ordinal);
        Assert.Equal("MODE HOLD: ACCEPTED", window.CommandLine);
        Assert.False(vehicle.Commands.Status.Armed);
    }
}
