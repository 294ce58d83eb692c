using StrategicTech.Autopilot.Flight;
using StrategicTech.Sim.Cli.Commands;
using StrategicTech.Sim.Faults;
using StrategicTech.Sim.Lockstep;
using StrategicTech.Sim.Physics;
using StrategicTech.Sim.Tests.Sitl;

namespace StrategicTech.Sim.Tests.Cli;

/// <summary>The <c>sitl vehicle</c> console commands, run on a vehicle in-process (no sockets).</summary>
public sealed class SitlVehicleConsoleTests
{
    [Fact]
    public void Arm_takeoff_status_land_through_the_console_fly_the_vehicle()
    {
        SitlVehicle v = ReadyWithOwnFaults();
        using var output = new StringWriter();
        var console = new SitlVehicleConsole(output, () => { });
        Assert.Equal("arm: accepted", console.Execute(v, "arm"));
        Assert.Equal("takeoff: accepted", console.Execute(v, "takeoff 6"));
        Assert.True(v.StepUntil(x => x.Commander.Mode == FlightMode.Hold, 30_000_000), "never reached Hold after the takeoff");
        v.StepFor(3_000_000);
        Assert.InRange(-v.Truth.PositionNedM.Z, 5.4, 6.6); // measured 6.0 m; bound ±0.6 m
        string status = console.Execute(v, "status");
        Assert.Contains("| Hold | armed | flying | alt ", status, StringComparison.Ordinal);
        Assert.Contains("| EKF ok | mission 0/0", status, StringComparison.Ordinal);
        Assert.Equal("land: accepted", console.Execute(v, "land"));
        Assert.True(v.StepUntil(x => !x.Commander.Armed, 60_000_000), "did not land and disarm");
        Assert.True(v.Truth.Landed);
    }

    [Fact]
    public void Params_modes_faults_and_mistakes_answer_in_sentences()
    {
        SitlVehicle v = ReadyWithOwnFaults();
        bool quit = false;
        using var output = new StringWriter();
        var console = new SitlVehicleConsole(output, () => quit = true);
        Assert.Equal("MIS_TAKEOFF_ALT = 7", console.Execute(v, "param set MIS_TAKEOFF_ALT 7"));
        Assert.Equal("MIS_TAKEOFF_ALT = 7", console.Execute(v, "param get mis_takeoff_alt"));
        Assert.Contains("MIS_TAKEOFF_ALT = 7", console.Execute(v, "param show MIS_*"), StringComparison.Ordinal);
        Assert.DoesNotContain("MPC_", console.Execute(v, "param show MIS_*"), StringComparison.Ordinal);
        Assert.Equal("param: no parameter named NOPE", console.Execute(v, "param get NOPE"));
        Assert.Equal("param set: the value must be a number, got 'high'", console.Execute(v, "param set MIS_TAKEOFF_ALT high"));
        Assert.StartsWith("mode: unknown mode 'warp'", console.Execute(v, "mode warp"), StringComparison.Ordinal);
        Assert.Equal("unknown command 'fly'; type 'help' for the list", console.Execute(v, "fly"));
        Assert.Contains("mission start", console.Execute(v, "help"), StringComparison.Ordinal);
        Assert.Equal("mission start: denied", console.Execute(v, "mission start")); // no mission uploaded

        Assert.StartsWith("fault GnssLoss injected at t ", console.Execute(v, "fault gnss_loss 2"), StringComparison.Ordinal);
        Assert.True(v.Faults.IsActive(FaultKind.GnssLoss, v.Clock.TimeUs));
        Assert.False(v.Faults.IsActive(FaultKind.GnssLoss, v.Clock.TimeUs + 2_000_000));
        Assert.StartsWith("fault MotorFailure injected", console.Execute(v, "fault motor 2 0.5"), StringComparison.Ordinal);
        Assert.Equal(0.5, v.Faults.MotorOutputFraction(2, v.Clock.TimeUs));
        Assert.StartsWith("fault: use one of", console.Execute(v, "fault meteor"), StringComparison.Ordinal);

        Assert.False(quit);
        Assert.Equal("stopping: writing the outputs", console.Execute(v, "quit"));
        Assert.True(quit);
    }

    [Fact]
    public void Lines_submitted_from_another_thread_run_after_the_next_tick_and_changes_are_announced()
    {
        SitlVehicle v = ReadyWithOwnFaults();
        using var output = new StringWriter();
        var console = new SitlVehicleConsole(output, () => { });
        var thread = new Thread(() => console.Submit("arm"));
        thread.Start();
        thread.Join();
        v.Step();
        console.AfterStep(v, v.Clock.TimeUs);
        string text = output.ToString();
        Assert.Contains("ready to arm", text, StringComparison.Ordinal);
        Assert.Contains("arm: accepted", text, StringComparison.Ordinal);
        Assert.Contains("armed", text, StringComparison.Ordinal);
        Assert.True(v.Commander.Armed);
    }

    private static SitlVehicle ReadyWithOwnFaults()
    {
        var v = new SitlVehicle(SitlFixtures.Quad, SimulationEnvironment.Default with { Seed = 1, Wind = WindParameters.Calm }, 1, new FaultSchedule([]));
        Assert.True(v.StepUntil(x => x.ReadyToArm, 30_000_000), "EKF never ready to arm");
        v.StepFor(1_000_000);
        return v;
    }
}
