using System.CommandLine;
using System.Globalization;
using System.Text.RegularExpressions;
using Spectre.Console;
using StrategicTech.Sim.Cli.Batch;
using StrategicTech.Sim.Scenarios;

namespace StrategicTech.Sim.Cli.Commands;

/// <summary>
/// <c>autonomy sitl batch &lt;scenarios…&gt; --seeds A..B</c>: a campaign of scenario × seed jobs. On one machine
/// the jobs run in <c>--workers</c> child processes (<c>sitl worker --stdio</c>: a crash or hang costs one job);
/// with <c>--queue nats://…</c> they go to a NATS JetStream work queue that <c>sitl worker --queue</c> processes on
/// any machine consume. Results land in SQLite (&lt;out&gt;/results.sqlite) or PostgreSQL (<c>--results</c>); the
/// report gives the pass rate and worst value per criterion and the failing seeds. Exit 0 all passed, 1 any
/// failed, 2 bad input.
/// </summary>
public static partial class SitlBatchCommand
{
    public const string ResultsFileName = "results.sqlite";

    public static Command Create()
    {
        var scenarios = new Argument<string[]>("scenarios")
        {
            Arity = ArgumentArity.OneOrMore,
            Description = "Scenario files, bundled scenario names, folders of scenario files or bundled suites (" + string.Join(", ", ScenarioSuite.BuiltInNames) + ").",
        };
        var seeds = new Option<string?>("--seeds") { Description = "Seeds for every scenario: N, or A..B (at most 1000); default: each scenario's own seed." };
        var workers = new Option<int>("--workers") { Description = "Worker processes on this machine (1 to 256; default: the number of cores).", DefaultValueFactory = _ => Environment.ProcessorCount };
        var outDir = new Option<string>("--out") { Description = "Output folder: results.sqlite and the failing jobs' outputs under <campaign>/<scenario>/seed-<n>.", DefaultValueFactory = _ => "sitl-batch-out" };
        var keepAll = new Option<bool>("--keep-all") { Description = "Keep the CSV, tlog and plots of passing jobs too (by default only summary.json and wallclock.json stay)." };
        var jobTimeout = new Option<double>("--job-timeout") { Description = "Per-job time limit in wall seconds; a job over it fails as 'timeout'.", DefaultValueFactory = _ => 600 };
        var campaign = new Option<string?>("--campaign") { Description = "Campaign name (letters, digits, '-', '_'; default c<UTC date-time>-<random>); results are keyed by campaign, scenario and seed." };
        var queue = new Option<string?>("--queue") { Description = "Run on a NATS JetStream work queue (nats://host:port) consumed by 'sitl worker --queue' on any machine, instead of local workers." };
        var results = new Option<string?>("--results") { Description = "Results store: postgres://user[:password]@host[:port]/database or a SQLite file (default <out>/results.sqlite)." };
        var ackWait = new Option<double>("--ack-wait") { Description = "With --queue: seconds a delivered job may go unacknowledged before it is delivered again (workers extend it while flying).", DefaultValueFactory = _ => 30 };
        var maxDeliver = new Option<int>("--max-deliver") { Description = "With --queue: deliveries of a job at most; a job whose deliveries all died is reported 'undelivered'.", DefaultValueFactory = _ => 5 };
        var command = new Command("batch", "Run a campaign of scenario × seed jobs in worker processes (or over NATS JetStream on many machines); print pass rates and worst values; exit 1 when any job failed.")
        {
            scenarios, seeds, workers, outDir, keepAll, jobTimeout, campaign, queue, results, ackWait, maxDeliver,
        };
        command.SetAction(parse => Run(
            new BatchSettings(parse.GetValue(scenarios)!, parse.GetValue(seeds), parse.GetValue(workers), parse.GetValue(outDir)!, parse.GetValue(keepAll),
                parse.GetValue(jobTimeout), parse.GetValue(campaign), parse.GetValue(queue), parse.GetValue(results), parse.GetValue(ackWait), parse.GetValue(maxDeliver)),
            parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error));
        return command;
    }

    public static int Run(BatchSettings settings, TextWriter output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        if (Problem(settings) is { } problem)
        {
            error.WriteLine("error: " + problem);
            return ExitCodes.BadInput;
        }

        ulong[]? seeds = settings.Seeds is null ? null : SitlSuiteCommand.ParseSeeds(settings.Seeds);
        if (settings.Seeds is not null && seeds is null)
        {
            error.WriteLine("error: --seeds must be N or A..B with A <= B and at most 1000 seeds, got '" + settings.Seeds + "'");
            return ExitCodes.BadInput;
        }

        IReadOnlyList<(string Argument, Scenario Scenario)> scenarios;
        try
        {
            scenarios = Expand(settings.Scenarios);
        }
        catch (ScenarioFileException e)
        {
            error.WriteLine("error: " + e.Message);
            return ExitCodes.BadInput;
        }

        if (scenarios.GroupBy(s => s.Scenario.Name, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1) is { } twice)
        {
            error.WriteLine("error: two scenarios are named '" + twice.Key + "'; results are keyed by scenario name, so names must differ");
            return ExitCodes.BadInput;
        }

        if (CommandProblem(settings.OutputDirectory) is { } outProblem)
        {
            error.WriteLine("error: cannot write to '" + settings.OutputDirectory + "': " + outProblem);
            return ExitCodes.BadInput;
        }

        string campaign = settings.Campaign ?? "c" + DateTime.UtcNow.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture) + "-" + Random.Shared.Next(0x10000).ToString("x4", CultureInfo.InvariantCulture);
        BatchJob[] jobs = [.. scenarios.SelectMany(s => (seeds ?? [s.Scenario.Seed]).Select(seed => new BatchJob(campaign, s.Argument, s.Scenario.Name, seed, settings.JobTimeoutS)))];
        string resultsLocation = settings.Results ?? Path.Combine(settings.OutputDirectory, ResultsFileName);
        bool terminal = ReferenceEquals(output, Console.Out) && !Console.IsOutputRedirected && AnsiConsole.Profile.Capabilities.Interactive;
        using var stop = new StopSignals();
        try
        {
            using BatchResultStore store = BatchResultStore.Open(resultsLocation);
            output.WriteLine(Invariant($"sitl batch: campaign {campaign}: {scenarios.Count} scenario(s) × {(seeds is null ? "own seed" : seeds.Length + " seed(s)")} = {jobs.Length} job(s); results in {store.Description}"));
            var wall = System.Diagnostics.Stopwatch.StartNew();
            IReadOnlyList<BatchJobResult> missing = settings.Queue is null
                ? RunLocal(jobs, settings, store, output, terminal, stop.Token)
                : BatchQueueCoordinator.Run(jobs, settings, store, output, terminal, stop.Token);
            if (stop.Token.IsCancellationRequested)
            {
                output.WriteLine("  stopped by " + stop.Signal + ": the table covers the jobs that finished");
            }

            var results = store.Read(campaign).Concat(missing).ToList();
            BatchSummary summary = BatchSummary.Of(results);
            double wallS = wall.Elapsed.TotalSeconds;
            string throughput = Invariant($" in {wallS:F1} s wall: {summary.SimulatedS / Math.Max(wallS, 1e-9):F1} simulated s per wall s with {(settings.Queue is null ? Math.Min(settings.Workers, jobs.Length) + " local worker(s)" : "the queue's workers")}");
            BatchReport.Write(summary, campaign, jobs.Length, output, terminal, throughput);
            bool complete = results.Count == jobs.Length;
            return summary.AllPassed && complete ? ExitCodes.Success : ExitCodes.CheckFailed;
        }
        catch (Exception e) when (BatchCommandErrors.IsConnectionProblem(e))
        {
            error.WriteLine("error: " + BatchCommandErrors.Describe(e, settings.Queue, resultsLocation));
            return ExitCodes.BadInput;
        }
    }

    private static IReadOnlyList<BatchJobResult> RunLocal(BatchJob[] jobs, BatchSettings settings, BatchResultStore store, TextWriter output, bool terminal, CancellationToken stop)
    {
        output.WriteLine(Invariant($"  {Math.Min(settings.Workers, jobs.Length)} local worker process(es); outputs under {Path.GetFullPath(settings.OutputDirectory)}"));
        BatchProgress.Run(terminal, jobs.Length, output, report =>
            LocalWorkerPool.Run(jobs, settings.Workers, settings.OutputDirectory, settings.KeepAll, result =>
            {
                store.TryStore(result);
                report(result);
            }, stop));
        return [];
    }

    /// <summary>Each argument as scenarios: a folder or bundled suite gives all of its scenarios; files become absolute paths.</summary>
    private static List<(string Argument, Scenario Scenario)> Expand(IEnumerable<string> arguments)
    {
        var list = new List<(string, Scenario)>();
        foreach (string argument in arguments)
        {
            if (Directory.Exists(argument))
            {
                foreach (Scenario s in ScenarioSuite.Load(argument))
                {
                    list.Add((Path.GetFullPath(s.SourceName), s));
                }
            }
            else if (ScenarioSuite.BuiltInNames.Contains(argument, StringComparer.Ordinal))
            {
                string prefix = argument + ".";
                foreach (string name in ScenarioLoader.BuiltInNames.Where(n => n.StartsWith(prefix, StringComparison.Ordinal)))
                {
                    list.Add((name, ScenarioLoader.LoadBuiltIn(name)));
                }
            }
            else
            {
                Scenario s = ScenarioLoader.Load(argument);
                list.Add((File.Exists(argument) ? Path.GetFullPath(argument) : argument, s));
            }
        }

        return list;
    }

    private static string? Problem(BatchSettings s)
    {
        if (s.Workers is < 1 or > 256)
        {
            return Invariant($"--workers must be between 1 and 256, got {s.Workers}");
        }

        if (!(s.JobTimeoutS > 0))
        {
            return Invariant($"--job-timeout must be a positive number of seconds, got {s.JobTimeoutS:G}");
        }

        if (s.Campaign is not null && !CampaignName().IsMatch(s.Campaign))
        {
            return "--campaign must be 1 to 64 letters, digits, '-' or '_', got '" + s.Campaign + "'";
        }

        if (s.Queue is not null && !s.Queue.StartsWith("nats://", StringComparison.Ordinal))
        {
            return "--queue must be a NATS URL like nats://127.0.0.1:4222, got '" + s.Queue + "'";
        }

        if (s.Queue is null && (s.Results?.StartsWith("postgres", StringComparison.Ordinal) ?? false))
        {
            return "--results postgres://… is for campaigns on a NATS queue (--queue); local campaigns store into SQLite";
        }

        if (!(s.AckWaitS >= 1))
        {
            return Invariant($"--ack-wait must be at least 1 second, got {s.AckWaitS:G}");
        }

        return s.MaxDeliver is < 1 or > 100 ? Invariant($"--max-deliver must be between 1 and 100, got {s.MaxDeliver}") : null;
    }

    private static string? CommandProblem(string directory) => SitlCommand.OutputDirectoryProblem(directory);

    [GeneratedRegex("^[A-Za-z0-9_-]{1,64}$")]
    private static partial Regex CampaignName();

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}

/// <summary>What <c>sitl batch</c> was asked for.</summary>
public sealed record BatchSettings(
    IReadOnlyList<string> Scenarios,
    string? Seeds,
    int Workers,
    string OutputDirectory,
    bool KeepAll,
    double JobTimeoutS,
    string? Campaign,
    string? Queue,
    string? Results,
    double AckWaitS,
    int MaxDeliver);
