using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using StrategicTech.Navigation.Planning;
using StrategicTech.Navigation.Planning.Grid;

namespace StrategicTech.Sim.Cli.Commands;

/// <summary>
/// <c>autonomy plan bench map scen</c>: runs a grid planner over a Moving AI scenario file, checks every optimal
/// length to the precision the file prints it (half a unit of its last decimal, see <see cref="MovingAiScenario"/>;
/// Theta* must not exceed it) and prints time, expansions and bytes per query. A file without queries is bad input.
/// </summary>
public static class PlanCommand
{
    public static Command Create()
    {
        var command = new Command("plan", "Path planning tools.");
        command.Subcommands.Add(CreateBench());
        return command;
    }

    private static Command CreateBench()
    {
        var map = new Argument<FileInfo>("map") { Description = "Moving AI .map file (type octile)." };
        var scen = new Argument<FileInfo>("scen") { Description = "Moving AI .scen file (version 1 or 1.0) for that map; lengths are checked to the precision it prints them." };
        var algo = new Option<string>("--algo")
        {
            Description = "Planner: astar, jps or theta (Lazy Theta*, checked to be no longer than the octile optimum).",
            DefaultValueFactory = _ => "astar",
        };
        algo.AcceptOnlyFromAmong("astar", "jps", "theta");
        var sample = new Option<int>("--sample")
        {
            Description = "Run a random sample of N scenario lines (0 = all).",
            DefaultValueFactory = _ => 0,
        };
        sample.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int>() < 0)
            {
                r.AddError("--sample must be >= 0.");
            }
        });
        var seed = new Option<int>("--seed") { Description = "Seed for --sample.", DefaultValueFactory = _ => 1 };
        var repeat = new Option<int>("--repeat")
        {
            Description = "Time each query this many times and keep the fastest (filters out preemption on a loaded machine).",
            DefaultValueFactory = _ => 1,
        };
        repeat.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int>() is < 1 or > 1000)
            {
                r.AddError("--repeat must be between 1 and 1000.");
            }
        });
        var bench = new Command("bench", "Check a planner against every optimal length of a Moving AI scenario file and time it. Exit 0 all match, 1 a mismatch, 2 a malformed file.")
        {
            map,
            scen,
            algo,
            sample,
            seed,
            repeat,
        };
        bench.SetAction(parse => RunBench(
            parse.GetValue(map)!.FullName,
            parse.GetValue(scen)!.FullName,
            parse.GetValue(algo)!,
            parse.GetValue(sample),
            parse.GetValue(seed),
            parse.GetValue(repeat),
            parse.InvocationConfiguration.Output,
            parse.InvocationConfiguration.Error));
        return bench;
    }

    private static int RunBench(string mapPath, string scenPath, string algo, int sample, int seed, int repeat, TextWriter output, TextWriter error)
    {
        MovingAiMap map;
        ScenarioEntry[] entries;
        try
        {
            map = MovingAiMap.Load(mapPath);
            MovingAiScenario scenario = MovingAiScenario.Load(scenPath);
            scenario.Validate(map, mapPath, scenPath);
            entries = [.. scenario.Entries];
        }
        catch (MapFormatException e)
        {
            error.WriteLine("error: " + e.Message);
            return ExitCodes.BadInput;
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException or UnauthorizedAccessException)
        {
            error.WriteLine("error: " + e.Message);
            return ExitCodes.BadInput;
        }

        if (sample > 0 && sample < entries.Length)
        {
            var random = new Random(seed);
            random.Shuffle(entries);
            entries = entries[..sample];
            Array.Sort(entries, (a, b) => a.Line.CompareTo(b.Line));
        }

        SearchGrid grid = map.ToSearchGrid();
        GridPlanner planner = algo switch
        {
            "jps" => new JumpPointPlanner(grid),
            "theta" => new LazyThetaStarPlanner(grid),
            _ => new AStarPlanner(grid),
        };

        // Warm-up: cycle the queries for at least a second (and one full pass) so the tiered JIT has promoted the
        // search loops to optimised code before anything is timed; fast queries otherwise get timed at tier 0.
        long warmUntil = Stopwatch.GetTimestamp() + Stopwatch.Frequency;
        for (int k = 0; entries.Length > 0 && (k < entries.Length || Stopwatch.GetTimestamp() < warmUntil); k++)
        {
            ScenarioEntry e = entries[k % entries.Length];
            planner.Plan(e.Start, e.Goal);
        }

        var micros = new double[entries.Length];
        var results = new GridPlanResult[entries.Length];
        TimeSpan cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        long allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        for (int k = 0; k < entries.Length; k++)
        {
            long fastest = long.MaxValue;
            for (int r = 0; r < repeat; r++)
            {
                long t0 = Stopwatch.GetTimestamp();
                results[k] = planner.Plan(entries[k].Start, entries[k].Goal);
                fastest = Math.Min(fastest, Stopwatch.GetTimestamp() - t0);
            }

            micros[k] = fastest * 1e6 / Stopwatch.Frequency;
        }

        long allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;
        double cpuMicros = (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalMicroseconds;
        int mismatches = 0;
        long expansions = 0;
        for (int k = 0; k < entries.Length; k++)
        {
            ScenarioEntry e = entries[k];
            GridPlanResult r = results[k];
            expansions += r.Expansions;
            bool ok = r.Succeeded && e.AcceptsCost(r.Cost, anyAngle: algo == "theta");
            if (!ok)
            {
                if (mismatches < 20)
                {
                    output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"MISMATCH {Path.GetFileName(scenPath)}:{e.Line}: ({e.Start.X},{e.Start.Y})->({e.Goal.X},{e.Goal.Y}) expected {e.OptimalLength}, got {r.Status} {r.Cost:R}"));
                }

                mismatches++;
            }
        }

        double[] sorted = (double[])micros.Clone();
        Array.Sort(sorted);
        double mean = sorted.Length == 0 ? 0 : sorted.Average();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"plan bench {Path.GetFileName(mapPath)} ({map.Width}x{map.Height}) algo={algo} queries={entries.Length}{(repeat > 1 ? $" (fastest of {repeat} runs each)" : string.Empty)}"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  time per query: mean {mean:F2} us, p50 {Percentile(sorted, 0.50):F2} us, p99 {Percentile(sorted, 0.99):F2} us"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  process CPU time per query: {(entries.Length == 0 ? 0 : cpuMicros / entries.Length / repeat):F2} us (less sensitive to a loaded machine)"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  expansions per query: {(entries.Length == 0 ? 0 : (double)expansions / entries.Length):F1}"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  bytes allocated per query: {(entries.Length == 0 ? 0 : (double)allocated / entries.Length / repeat):F1}"));
        output.WriteLine(algo == "theta"
            ? $"  lengths no longer than optimal: {entries.Length - mismatches}/{entries.Length}"
            : $"  optimal lengths matched: {entries.Length - mismatches}/{entries.Length}");
        output.WriteLine(mismatches == 0 ? "  result: PASS" : "  result: FAIL");
        return mismatches == 0 ? ExitCodes.Success : ExitCodes.CheckFailed;
    }

    private static double Percentile(double[] sorted, double p)
    {
        if (sorted.Length == 0)
        {
            return 0;
        }

        int index = (int)Math.Ceiling(p * sorted.Length) - 1;
        return sorted[Math.Clamp(index, 0, sorted.Length - 1)];
    }
}
