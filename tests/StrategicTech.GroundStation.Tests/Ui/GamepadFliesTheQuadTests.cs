using StrategicTech.Navigation.Numerics;
using StrategicTech.Autopilot.Flight;
using StrategicTech.GroundStation.App;
using StrategicTech.GroundStation.Platform;
using StrategicTech.Sim.Lockstep;

namespace StrategicTech.GroundStation.Tests.Ui;

/// <summary>
/// A game controller plugged into the real window (SDL's virtual joystick, seen by the app as any pad) against the
/// SITL quad over UDP: its mode button puts the hovering quad in POSCTL, the right stick pushed forward flies it
/// away (the MANUAL_CONTROL stream reaches it), and unplugging the pad stops the stream, so the vehicle's own
/// stick-loss failsafe returns it home — which the ground station then shows.
/// </summary>
[Collection(GlCollection.Name)]
public sealed class GamepadFliesTheQuadTests
{
    private const long SimLimitUs = 150_000_000;
    private const int ModeButton = 3;
    private const int AxisRightY = 3;

    private enum Step
    {
        WaitForWindow,
        WaitForPad,
        WaitForHover,
        WaitForPosctl,
        WaitForMotion,
        WaitForFailsafe,
        Done,
    }

    [Fact]
    public void Virtual_pad_switches_the_quad_to_posctl_flies_it_forward_and_unplugging_it_triggers_its_stick_loss_rtl()
    {
        using var session = new WindowOnSitlQuad();
        SitlVehicle vehicle = session.Vehicle;
        GroundStationWindow window = session.Window;
        Step step = Step.WaitForWindow;
        int device = -1;
        nint joystick = 0;
        Vector3 startNedM = default;
        double movedM = 0;
        long sentAtUnplug = -1;
        try
        {
            while (step != Step.Done && session.Running(SimLimitUs))
            {
                session.Step();
                FlightMode mode = vehicle.Commands.Status.Mode;
                switch (step)
                {
                    case Step.WaitForWindow when window.Ready && vehicle.ReadyToArm && window.Fleet.Selected is not null:
                        device = Sdl.JoystickAttachVirtual(Sdl.JoystickTypeGameController, 6, 15, 0);
                        Assert.True(device >= 0, "SDL_JoystickAttachVirtual: " + Sdl.GetError());
                        joystick = Sdl.JoystickOpen(device);
                        Assert.True(joystick != 0, "SDL_JoystickOpen: " + Sdl.GetError());
                        step = Step.WaitForPad;
                        break;
                    case Step.WaitForPad when window.GamepadConnected && window.Link!.ManualControlSent > 0:
                        Assert.True(vehicle.Arm(), "arming refused");
                        Assert.True(vehicle.Navigator.Takeoff(10));
                        step = Step.WaitForHover;
                        break;
                    case Step.WaitForHover when mode == FlightMode.Hold && -vehicle.Truth.PositionNedM.Z > 8:
                        Assert.Equal(0, Sdl.JoystickSetVirtualButton(joystick, ModeButton, 1));
                        step = Step.WaitForPosctl;
                        break;
                    case Step.WaitForPosctl when mode == FlightMode.Position:
                        Assert.Equal(0, Sdl.JoystickSetVirtualButton(joystick, ModeButton, 0));
                        Assert.Equal(0, Sdl.JoystickSetVirtualAxis(joystick, AxisRightY, short.MinValue));
                        startNedM = vehicle.Truth.PositionNedM;
                        step = Step.WaitForMotion;
                        break;
                    case Step.WaitForMotion:
                        Vector3 d = vehicle.Truth.PositionNedM - startNedM;
                        movedM = Math.Sqrt((d.X * d.X) + (d.Y * d.Y));
                        if (movedM > 15)
                        {
                            Sdl.JoystickClose(joystick);
                            joystick = 0;
                            Assert.Equal(0, Sdl.JoystickDetachVirtual(device));
                            step = Step.WaitForFailsafe;
                        }

                        break;
                    case Step.WaitForFailsafe when sentAtUnplug < 0 && !window.GamepadConnected:
                        // The window took the removal: it stops the stream right after clearing this flag.
                        sentAtUnplug = window.Link!.ManualControlSent;
                        break;
                    case Step.WaitForFailsafe when mode == FlightMode.ReturnToLaunch && window.Fleet.Selected?.ModeName == "RTL" && !window.GamepadConnected:
                        step = Step.Done;
                        break;
                    default:
                        break;
                }
            }
        }
        finally
        {
            if (joystick != 0)
            {
                Sdl.JoystickClose(joystick);
            }

            session.Stop();
        }

        Assert.Null(session.Failure);
        Assert.True(step == Step.Done, $"stopped at {step} after {session.ElapsedUs / 1e6:0.0} s simulated: mode {vehicle.Commands.Status.Mode}, moved {movedM:0.0} m, pad {window.GamepadConnected}, MANUAL_CONTROL sent {window.Link!.ManualControlSent}");

        // The stream stopped when the window saw the unplug (at most the frame the service thread had in hand then).
        Assert.InRange(window.Link.ManualControlSent, sentAtUnplug, sentAtUnplug + 1);
    }
}
