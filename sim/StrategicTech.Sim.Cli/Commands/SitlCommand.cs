using System.CommandLine;
using System.Globalization;
using Spectre.Console;
using StrategicTech.Sim.Lockstep;
using StrategicTech.Sim.Scenarios;

namespace StrategicTech.Sim.Cli.Commands;

/// <summary>
/// <c>autonomy sitl run &lt;scenario&gt;</c> and <c>autonomy sitl demo</c>: fly a scenario file (or a bundled one)
/// headless in lockstep, judge its pass criteria on truth, and write the log, plots and JSON summary.
/// </summary>
public static class SitlCommand
{
    public static Command Create()
    {
        var sitl = new Command("sitl", "Software-in-the-loop: fly scenarios (vehicles, wind, faults, a QGC .plan or .waypoints mission, pass criteria) with the real autopilot and EKF in lockstep. Exit 0 when the criteria hold, 1 when not, 2 on bad input.");
        var scenario = new Argument<string>("scenario")
        {
            Description = "Scenario JSON file, or a built-in name: " + string.Join(", ", ScenarioLoader.BuiltInNames) + ".",
        };
        var run = new Command("run", "Fly a scenario and check its pass criteria.") { scenario };
        SitlOptions runOptions = SitlOptions.AddTo(run);
        run.SetAction(parse => Run(parse.GetValue(scenario)!, runOptions.Read(parse), parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error));

        var demo = new Command("demo", "Fly the bundled demo: a quad flies a survey-like mission in 8 m/s wind with gusts, returns and lands (same as 'sitl run demo').");
        SitlOptions demoOptions = SitlOptions.AddTo(demo);
        demo.SetAction(parse => Run("demo", demoOptions.Read(parse), parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error));

        sitl.Subcommands.Add(run);
        sitl.Subcommands.Add(demo);
        sitl.Subcommands.Add(SitlVehicleCommand.Create());
        sitl.Subcommands.Add(SitlSuiteCommand.Create());
        sitl.Subcommands.Add(SitlBatchCommand.Create());
        sitl.Subcommands.Add(SitlWorkerCommand.Create());
        return sitl;
    }

    /// <summary>Loads, flies and reports one scenario; the exit code says whether the criteria held.</summary>
    public static int Run(string scenarioArgument, SitlSettings settings, TextWriter output, TextWriter error) =>
        Run(scenarioArgument, settings, output, error, printResult: true);

    /// <summary>
    /// As <see cref="Run(string, SitlSettings, TextWriter, TextWriter)"/>; <paramref name="printResult"/> false leaves the final verdict line to the caller;
    /// <paramref name="binding"/> replaces the plain SITL binding (hardware-in-the-loop on simulated buses).
    /// </summary>
    public static int Run(string scenarioArgument, SitlSettings settings, TextWriter output, TextWriter error, bool printResult,
        Func<Lockstep.SitlBindingContext, Lockstep.ISitlIoBinding>? binding = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        Scenario scenario;
        try
        {
            scenario = ScenarioLoader.Load(scenarioArgument);
        }
        catch (ScenarioFileException e)
        {
            error.WriteLine("error: " + e.Message);
            return ExitCodes.BadInput;
        }

        string outDir = settings.OutputDirectory ?? Path.Combine("sitl-out", scenario.Name);
        if (OutputDirectoryProblem(outDir) is { } problem)
        {
            error.WriteLine("error: cannot write the outputs to '" + outDir + "': " + problem);
            return ExitCodes.BadInput;
        }

        int vehicleCount = settings.VehicleCount ?? scenario.Vehicles.Count;
        output.WriteLine(Invariant($"sitl: scenario '{scenario.Name}' ({scenario.Description})"));
        output.WriteLine(Invariant($"  mission {scenario.Mission.SourceName} ({scenario.Mission.Items.Count} items), {vehicleCount} vehicle(s), speed {(settings.SpeedFactor is { } f ? f.ToString("G", CultureInfo.InvariantCulture) + "x real time" : "max")}, seed {settings.Seed ?? scenario.Seed}"));

        var options = new ScenarioRunOptions
        {
            VehicleCount = settings.VehicleCount,
            Seed = settings.Seed,
            SpeedFactor = settings.SpeedFactor,
            Attach = SitlAttachments.For(settings, outDir, vehicleCount, output),
            Binding = binding,
        };
        ScenarioResult result;
        using var stop = new StopSignals();
        options = options with { Cancellation = stop.Token };
        try
        {
            result = Interactive(output)
                ? RunWithProgressBar(scenario, options)
                : ScenarioRunner.Run(scenario, options with { Progress = PlainProgress(output) });
        }
        catch (Exception e) when (e is System.Net.Sockets.SocketException or IOException or UnauthorizedAccessException || e.InnerException is System.Net.Sockets.SocketException)
        {
            bool socket = e is System.Net.Sockets.SocketException || e.InnerException is System.Net.Sockets.SocketException;
            error.WriteLine("error: " + e.Message + (socket && settings.Mavlink ? " (--mavlink binds UDP 127.0.0.1:14580 + vehicle index; is another SITL running?)" : string.Empty));
            return ExitCodes.BadInput;
        }

        if (result.Interrupted)
        {
            output.WriteLine(Invariant($"  stopped by {stop.Signal} at t {result.SimulatedS:F1} s: writing the outputs of what ran"));
        }

        WriteOutputs(result, outDir, settings.NoPlots, output);
        if (printResult)
        {
            output.WriteLine(result.Passed ? "result: PASS" : result.Interrupted ? "result: INTERRUPTED (not judged as a pass)" : "result: FAIL");
        }

        return result.Passed ? ExitCodes.Success : ExitCodes.CheckFailed;
    }

    /// <summary>summary.json, wallclock.json, CSV and plots of a finished (or stopped) run, then the report lines.</summary>
    internal static void WriteOutputs(ScenarioResult result, string outDir, bool noPlots, TextWriter output)
    {
        IReadOnlyList<string> files = ScenarioOutputWriter.Write(result, outDir);
        var plots = new List<string>();
        if (!noPlots)
        {
            foreach (VehicleResult v in result.Vehicles)
            {
                plots.AddRange(SitlPlots.Write(v, result.Scenario.Criteria.WaypointRadiusM, ScenarioOutputWriter.VehicleDirectory(outDir, result, v.SystemId),
                    result.Scenario.Mission.Fence, result.Scenario.Criteria.LandingPoint));
            }
        }

        Report(result, output);
        output.WriteLine(Invariant($"  files: {files.Count + plots.Count + result.Vehicles.Count} written to {outDir} (summary.json, wallclock.json, truth_vs_estimate.csv, telemetry.tlog{(plots.Count > 0 ? ", track/altitude/attitude/estimator_error .png" : string.Empty)})"));
    }

    private static void Report(ScenarioResult result, TextWriter output)
    {
        WallClockFigures w = result.WallClock;
        output.WriteLine(Invariant($"  simulated {result.SimulatedS:F1} s in {w.WallS:F2} s wall: real-time factor {w.RealTimeFactor:F0}x{(result.TimedOut ? " (time limit reached)" : string.Empty)}"));
        if (w.Pacer is { } p)
        {
            output.WriteLine(Invariant($"  pacing at {p.SpeedFactor:G}x: tick start jitter p50 {p.JitterP50Us} µs, p99 {p.JitterP99Us} µs, max {p.JitterMaxUs} µs; overruns {p.Overruns} of {p.Ticks} ticks"));
            PacerWorstTick t = p.Worst;
            output.WriteLine(Invariant($"  worst tick at {t.SimTimeUs / 1e6:F3} s: {t.LatenessUs} µs late = {t.ArrivalLateUs} before the wait (previous work {t.PreviousWorkUs} µs; GC {t.GcPauseUs} µs in {t.GcCollections} collections, JIT {t.JitUs} µs) + {t.WaitLateUs} in the wait"));
            PacerCauses c = p.Causes;
            output.WriteLine(Invariant($"  whole run: GC pauses {c.GcPauseUs} µs (gen0/1/2 {c.Gen0Collections}/{c.Gen1Collections}/{c.Gen2Collections}), loop-thread JIT {c.LoopThreadJitUs} µs, worst 1 ms sleep overshoot {c.MaxSleepOvershootUs} µs, {c.LateTicks} ticks > 1 ms late ({c.LateFromWork} late before the wait)"));
        }

        foreach (VehicleResult v in result.Vehicles)
        {
            output.WriteLine(Invariant($"  vehicle {v.SystemId} ({v.AirframeName}): {(v.Passed ? "PASS" : "FAIL")}; {v.Phase}{(v.RefusalReason.Length > 0 ? " (" + v.RefusalReason + ")" : string.Empty)}, mode {v.FinalMode}, {(v.Armed ? "armed" : "disarmed")}, landed {(v.Landed ? "yes" : "no")}, crashed {(v.Crashed ? "yes" : "no")}, items {v.ItemsCompleted}/{v.MissionItems} (skipped {v.ItemsSkipped})"));
            foreach (CriterionResult c in v.Criteria)
            {
                string verdict = c.Passed ? "pass" : c.Required ? "FAIL" : "fail";
                string measured = double.IsFinite(c.Measured) ? c.MeasuredText("F2") + " " + c.Unit : "not reached";
                output.WriteLine(Invariant($"    [{verdict}] {c.Name,-56} {measured,-12} (limit {c.Limit:G} {c.Unit}){(c.Required ? string.Empty : ", optional")}"));
            }

            foreach (SkippedItem k in v.SkippedItems)
            {
                output.WriteLine(Invariant($"    skipped item {k.Index} (seq {k.Seq}, command {k.Command}): {k.Reason}"));
            }
        }
    }

    /// <summary>Null when <paramref name="directory"/> can be created and written; otherwise why not, as a sentence.</summary>
    internal static string? OutputDirectoryProblem(string directory)
    {
        try
        {
            Directory.CreateDirectory(directory);
            string probe = Path.Combine(directory, ".write-check");
            File.WriteAllBytes(probe, []);
            File.Delete(probe);
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return e.Message;
        }
    }

    private static bool Interactive(TextWriter output) =>
        ReferenceEquals(output, Console.Out) && !Console.IsOutputRedirected && AnsiConsole.Profile.Capabilities.Interactive;

    private static ScenarioResult RunWithProgressBar(Scenario scenario, ScenarioRunOptions options)
    {
        ScenarioResult? result = null;
        AnsiConsole.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .Start(ctx =>
            {
                ProgressTask task = ctx.AddTask("simulating", maxValue: scenario.Criteria.TimeLimitS);
                result = ScenarioRunner.Run(scenario, options with
                {
                    Progress = p =>
                    {
                        task.Description = Invariant($"t {p.SimulatedS,5:F0} s  {p.Status,-16} done {p.VehiclesDone}/{p.VehicleCount}");
                        task.Value = p.VehiclesDone == p.VehicleCount ? scenario.Criteria.TimeLimitS : p.SimulatedS;
                    },
                });
                task.Value = scenario.Criteria.TimeLimitS;
            });
        return result!;
    }

    /// <summary>One line every 20 simulated seconds (logs, CI, redirected output).</summary>
    private static Action<ScenarioProgress> PlainProgress(TextWriter output)
    {
        double nextS = 0;
        return p =>
        {
            bool last = p.VehiclesDone == p.VehicleCount || p.SimulatedS >= p.TimeLimitS;
            if (p.SimulatedS >= nextS || last)
            {
                output.WriteLine(Invariant($"  t {p.SimulatedS,6:F1} s  {p.Status,-16} vehicles done {p.VehiclesDone}/{p.VehicleCount}"));
                nextS = p.SimulatedS + 20;
            }
        };
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
