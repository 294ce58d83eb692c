using System.CommandLine;
using System.Globalization;
using StrategicTech.Navigation.Planning;
using StrategicTech.Navigation.Planning.Grid;
using StrategicTech.Navigation.Planning.Mapf;
using StrategicTech.Navigation.Time;

namespace StrategicTech.Sim.Cli.Commands;

/// <summary>
/// <c>autonomy mapf bench map scen --agents N</c>: solves the Moving AI MAPF benchmark instance made of the first N
/// lines of the scenario with LaCAM and LNS refinement within the time limit, checks the solution with the independent
/// validator, and prints solved, time to first solution, sum-of-costs, lower bound, their ratio and makespan.
/// </summary>
public static class MapfCommand
{
    public static Command Create()
    {
        var command = new Command("mapf", "Multi-agent path finding tools.");
        command.Subcommands.Add(CreateBench());
        return command;
    }

    private static Command CreateBench()
    {
        var map = new Argument<FileInfo>("map") { Description = "Moving AI .map file (type octile; moves are 4-connected)." };
        var scen = new Argument<FileInfo>("scen") { Description = "Moving AI .scen file; its first N lines are the agents." };
        var agents = new Option<int>("--agents") { Description = "Number of agents N (first N scenario lines).", Required = true };
        OptionChecks.AddIntRange(agents, 1, 100_000);
        var timeLimit = new Option<double>("--time-limit-s") { Description = "Time budget in seconds (first solution and improvement).", DefaultValueFactory = _ => 1.0 };
        timeLimit.Validators.Add(r =>
        {
            if (r.Tokens.Count > 0 && !double.TryParse(r.Tokens[^1].Value, NumberStyles.Float, CultureInfo.InvariantCulture, out _))
            {
                return;
            }

            double v = r.GetValueOrDefault<double>();
            if (!(v > 0 && v <= 3600))
            {
                r.AddError($"--time-limit-s must be in (0, 3600], got {v.ToString(CultureInfo.InvariantCulture)}.");
            }
        });
        var seed = new Option<int>("--seed") { Description = "Seed of the solver's random tie-breaking.", DefaultValueFactory = _ => 0 };
        var firstOnly = new Option<bool>("--first-only") { Description = "Stop at the first solution (LaCAM) instead of refining it by large neighbourhood search until the limit." };
        var clockOption = new Option<string>("--clock")
        {
            Description = "Clock of the time limit and the reported times: cpu (CPU time of this process, i.e. work on one core) or wall.",
            DefaultValueFactory = _ => "cpu",
        };
        clockOption.AcceptOnlyFromAmong("cpu", "wall");
        var scatterMargin = new Option<int>("--scatter-margin")
        {
            Description = "Extra steps a scatter path may take over the shortest one (default 10); -1 turns scatter off (plain PIBT guidance).",
            DefaultValueFactory = _ => LacamOptions.Default.ScatterMargin,
        };
        OptionChecks.AddIntRange(scatterMargin, -1, 1000);
        var pibtRuns = new Option<int>("--pibt-runs")
        {
            Description = "PIBT runs per LaCAM successor; the cheapest is kept (default 1).",
            DefaultValueFactory = _ => LacamOptions.Default.PibtRuns,
        };
        OptionChecks.AddIntRange(pibtRuns, 1, 64);
        var noWarmup = new Option<bool>("--no-warmup") { Description = "Skip the untimed warm-up solve that lets the JIT compile the solver before the timed run." };
        var bench = new Command("bench", "Solve a Moving AI MAPF benchmark instance. Exit 0 solved (and valid), 1 not solved within the limit, 2 bad input.")
        {
            map, scen, agents, timeLimit, seed, firstOnly, clockOption, noWarmup, scatterMargin, pibtRuns,
        };
        bench.SetAction(parse => RunBench(
            parse.GetValue(map)!.FullName,
            parse.GetValue(scen)!.FullName,
            parse.GetValue(agents),
            parse.GetValue(timeLimit),
            parse.GetValue(seed),
            parse.GetValue(firstOnly),
            parse.GetValue(clockOption) == "wall",
            !parse.GetValue(noWarmup),
            new LacamOptions(parse.GetValue(scatterMargin), PibtRuns: parse.GetValue(pibtRuns)),
            parse.InvocationConfiguration.Output,
            parse.InvocationConfiguration.Error));
        return bench;
    }

    private static int RunBench(string mapPath, string scenPath, int agents, double timeLimitS, int seed, bool firstOnly, bool wallClock, bool warmup, LacamOptions options, TextWriter output, TextWriter error)
    {
        MovingAiMap map;
        MapfInstance instance;
        try
        {
            map = MovingAiMap.Load(mapPath);
            MovingAiScenario scenario = MovingAiScenario.Load(scenPath);
            if (agents > scenario.Entries.Count)
            {
                error.WriteLine($"error: {scenPath}: --agents {agents} but the file has {scenario.Entries.Count} lines");
                return ExitCodes.BadInput;
            }

            scenario.Validate(map, mapPath, scenPath);
            instance = MapfInstance.FromScenario(MapfGraph.FromMap(map), scenario, agents, scenPath);
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

        IClock clock = wallClock ? new WallClock() : new ProcessCpuClock();
        long budgetUs = (long)(timeLimitS * 1e6);
        if (warmup)
        {
            new LacamSolver(instance, seed + 1, options).Solve(MapfLimits.FirstSolution(clock, budgetUs));
        }

        MapfLimits limits = firstOnly ? MapfLimits.FirstSolution(clock, budgetUs) : MapfLimits.Anytime(clock, budgetUs);
        MapfResult result = new LacamSolver(instance, seed, options).Solve(limits);

        GridCell[] starts = MapfPaths.ToCells(instance.Graph, instance.Starts);
        GridCell[] goals = MapfPaths.ToCells(instance.Graph, instance.Goals);
        long lowerBound = MapfMetrics.LowerBound(map, starts, goals);
        var inv = CultureInfo.InvariantCulture;
        output.WriteLine(string.Create(inv, $"map {Path.GetFileName(mapPath)}  scen {Path.GetFileName(scenPath)}  agents {agents}  limit {timeLimitS:0.###} s ({(wallClock ? "wall" : "CPU")} time)  {(firstOnly ? "LaCAM (first solution)" : "LaCAM + LNS refinement (anytime)")}"));
        if (!result.Solved)
        {
            output.WriteLine(string.Create(inv, $"solved no  elapsed {result.ElapsedUs / 1000.0:0.0} ms  high-level nodes {result.HighLevelNodes}  LB {lowerBound}{(result.SearchExhausted ? "  (search space exhausted: no solution exists)" : string.Empty)}"));
            return ExitCodes.CheckFailed;
        }

        GridCell[][] paths = MapfPaths.ToCells(instance.Graph, result.Paths);
        IReadOnlyList<string> problems = MapfValidator.Validate(map, starts, goals, paths);
        long soc = MapfMetrics.SumOfCosts(paths);
        int makespan = MapfMetrics.Makespan(paths);
        output.WriteLine(string.Create(inv, $"solved yes  first solution {result.FirstSolutionUs / 1000.0:0.0} ms  (SOC {result.FirstSolutionSumOfCosts}, SOC/LB {(double)result.FirstSolutionSumOfCosts / lowerBound:0.000})  scatter {(result.ScatterUs < 0 ? "off" : (result.ScatterUs / 1000.0).ToString("0.0", inv) + " ms, " + result.ScatterRounds.ToString(inv) + " rounds, " + result.ScatterCollisions.ToString(inv) + " collisions left")}"));
        output.WriteLine(string.Create(inv, $"SOC {soc}  LB {lowerBound}  SOC/LB {(double)soc / lowerBound:0.000}  makespan {makespan}  high-level nodes {result.HighLevelNodes}  LNS iterations {result.RefineIterations} (accepted {result.RefineAccepted})  elapsed {result.ElapsedUs / 1000.0:0.0} ms"));
        if (problems.Count > 0)
        {
            output.WriteLine("validator: INVALID");
            foreach (string p in problems)
            {
                output.WriteLine("  " + p);
            }

            return ExitCodes.CheckFailed;
        }

        output.WriteLine("validator: valid (vertex, swap, start, goal, moves on free cells)");
        return ExitCodes.Success;
    }
}
