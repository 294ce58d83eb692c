using System.CommandLine;
using System.Globalization;
using StrategicTech.Autopilot.Runtime;
using StrategicTech.Navigation.Time;
using StrategicTech.Sim.Cli.Commands.Loop;

namespace StrategicTech.Sim.Cli.Commands;

/// <summary>
/// <c>autonomy loop</c>: tools for the real-time loop. <c>loop jitter</c> runs the wall-clock fixed-rate scheduler
/// with a representative task set and reports start jitter, execution time, overruns, and garbage collections.
/// </summary>
public static class LoopCommand
{
    public static Command Create()
    {
        var command = new Command("loop", "Real-time loop tools (scheduler timing on this machine).");
        command.Subcommands.Add(CreateJitter());
        return command;
    }

    private static Command CreateJitter()
    {
        var rate = new Option<int>("--rate-hz")
        {
            Description = "Base rate of the scheduler in Hz (100 to 10000, a multiple of 100; tasks run at rate, rate/2, rate/4, rate/20, rate/100).",
            DefaultValueFactory = _ => 1000,
        };
        OptionChecks.AddIntRange(rate, 100, 10_000, multipleOf: 100);
        var seconds = new Option<int>("--seconds")
        {
            Description = "Measured run length in seconds (1 to 3600), after a 1 s warm-up.",
            DefaultValueFactory = _ => 60,
        };
        OptionChecks.AddIntRange(seconds, 1, 3600);
        var command = new Command("jitter", "Run the wall-clock scheduler with a representative task set and print jitter p50/p99/max, overruns and GC counts.")
        {
            rate,
            seconds,
        };
        command.SetAction(parse => RunJitter(parse.GetValue(rate), parse.GetValue(seconds), parse.InvocationConfiguration.Output));
        return command;
    }

    private static int RunJitter(int rateHz, int seconds, TextWriter output)
    {
        var clock = new WallClock();
        var scheduler = new FixedRateScheduler(clock, rateHz);
        var tasks = new RepresentativeTasks();
        scheduler.Register("rate-control", tasks.RateController, rateHz, priority: 0);
        scheduler.Register("attitude", tasks.AttitudeIntegrator, rateHz / 2, priority: 1);
        scheduler.Register("ekf-predict", tasks.CovariancePredict, rateHz / 4, priority: 2);
        scheduler.Register("position", tasks.PositionConversion, rateHz / 20, priority: 3);
        scheduler.Register("telemetry", tasks.Telemetry, rateHz / 100, priority: 4);
        var loop = new WallClockLoop(scheduler, clock);

        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"autonomy loop jitter — {rateHz} Hz base, {seconds} s measured after 1 s warm-up, {Environment.ProcessorCount} CPUs, server GC {System.Runtime.GCSettings.IsServerGC}"));
        output.Flush();

        loop.Run(1_000_000);
        scheduler.ResetStatistics();

        int gen0 = GC.CollectionCount(0), gen1 = GC.CollectionCount(1), gen2 = GC.CollectionCount(2);
        long allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        long startUs = clock.TimeUs;
        loop.Run(seconds * 1_000_000L);
        long elapsedUs = clock.TimeUs - startUs;
        long allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;
        int dGen0 = GC.CollectionCount(0) - gen0, dGen1 = GC.CollectionCount(1) - gen1, dGen2 = GC.CollectionCount(2) - gen2;

        output.WriteLine("  task           rate Hz      runs  exec p50/p99/max µs   jitter p50/p99/max µs   overruns");
        for (int h = 0; h < scheduler.TaskCount; h++)
        {
            TaskStatistics s = scheduler.GetStatistics(h);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  {s.Name,-13} {s.RateHz,8} {s.Runs,9}  {s.ExecP50Us,6}/{s.ExecP99Us,5}/{s.ExecMaxUs,6}    {s.JitterP50Us,6}/{s.JitterP99Us,5}/{s.JitterMaxUs,6}   {s.Overruns,8}"));
        }

        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  late ticks (work ran past the next tick): {scheduler.LateTicks} of {(long)seconds * rateHz}; wall time {elapsedUs / 1e6:F3} s"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  GC collections during the run: gen0 {dGen0}, gen1 {dGen1}, gen2 {dGen2} (target 0); bytes allocated on the loop thread: {allocated}"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  checksum {tasks.Checksum:G6}"));
        bool ok = allocated == 0;
        output.WriteLine(ok ? "  result: PASS (no allocation in the loop)" : "  result: FAIL (the loop allocated)");
        return ok ? ExitCodes.Success : ExitCodes.CheckFailed;
    }
}
