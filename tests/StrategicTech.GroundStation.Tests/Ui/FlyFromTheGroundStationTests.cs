using StrategicTech.GroundStation.App;
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
        using var session = new WindowOnSitlQuad();
        SitlVehicle vehicle = session.Vehicle;
        GroundStationWindow window = session.Window;
        Step step = Step.WaitForVehicle;
        bool armedBeforeConfirm = false;
        double maxHeightM = 0;
        try
        {
            while (step != Step.Done && session.Running(SimLimitUs))
            {
                session.Step();

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
            session.Stop();
        }

        Assert.Null(session.Failure);
        Assert.False(armedBeforeConfirm, "the vehicle armed on the ARM click alone, before the confirm");
        Assert.True(step == Step.Done, $"stopped at {step} after {session.ElapsedUs / 1e6:0.0} s simulated: armed {vehicle.Commands.Status.Armed}, height {maxHeightM:0.0} m, frames {window.FramesRendered}");
        Assert.True(vehicle.Commands.Status.Armed);
        Assert.True(window.FramesRendered > 10, $"{window.FramesRendered} frames");
    }

    private static bool Has(IReadOnlyList<UiButton> buttons, UiAction action) => Find(buttons, action) is not null;

    private static UiButton? Find(IReadOnlyList<UiButton> buttons, UiAction action) => WindowOnSitlQuad.Find(buttons, action);
}
