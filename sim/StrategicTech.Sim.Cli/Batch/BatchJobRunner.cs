using System.Diagnostics;
using System.Globalization;
using System.Text;
using StrategicTech.Sim.Cli.Commands;
using StrategicTech.Sim.Scenarios;

namespace StrategicTech.Sim.Cli.Batch;

/// <summary>
/// Flies one job inside a worker exactly as <c>sitl run &lt;scenario&gt; --seed N --out DIR</c> does (same
/// attachments, same <c>summary.json</c>), then keeps a passing job's light files only: <c>summary.json</c> and
/// <c>wallclock.json</c> stay, the CSV and tlog go (no plots are drawn for it), unless <c>keepAll</c>.
/// </summary>
public sealed class BatchJobRunner(string outputRoot, bool keepAll, string workerName)
{
    private readonly Dictionary<string, Scenario> _scenarios = new(StringComparer.Ordinal);

    public string WorkerName => workerName;

    /// <summary>Where job <paramref name="job"/>'s files go: &lt;root&gt;/&lt;campaign&gt;/&lt;scenario&gt;/seed-&lt;n&gt;.</summary>
    public string DirectoryOf(BatchJob job)
    {
        ArgumentNullException.ThrowIfNull(job);
        return Path.Combine(outputRoot, Safe(job.Campaign), Safe(job.ScenarioName), "seed-" + job.Seed.ToString(CultureInfo.InvariantCulture));
    }

    /// <summary>Runs the job; <paramref name="cancellation"/> (the per-job time limit) stops it as a time-out.</summary>
    public BatchJobResult Run(BatchJob job, int delivery, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(job);
        var watch = Stopwatch.StartNew();
        Scenario scenario;
        try
        {
            if (!_scenarios.TryGetValue(job.Scenario, out scenario!))
            {
                scenario = ScenarioLoader.Load(job.Scenario);
                _scenarios[job.Scenario] = scenario;
            }
        }
        catch (ScenarioFileException e)
        {
            return BatchJobResult.Failed(job, BatchJobStatus.Error, e.Message, watch.Elapsed.TotalSeconds, workerName) with { Deliveries = delivery };
        }

        string dir = DirectoryOf(job);
        if (Directory.Exists(dir))
        {
            Directory.Delete(dir, recursive: true); // a redelivered job starts clean: no half-written files of a killed attempt
        }

        Directory.CreateDirectory(dir);
        var settings = new SitlSettings(dir, null, null, job.Seed, NoPlots: true, Mavlink: false);
        ScenarioResult result = ScenarioRunner.Run(scenario, new ScenarioRunOptions
        {
            Seed = job.Seed,
            Attach = SitlAttachments.For(settings, dir, scenario.Vehicles.Count, TextWriter.Null),
            Cancellation = cancellation,
        });
        bool keepHeavy = keepAll || !result.Passed;
        SitlCommand.WriteOutputs(result, dir, noPlots: !keepHeavy, TextWriter.Null);
        if (!keepHeavy)
        {
            DeleteHeavyOutputs(dir);
        }

        string summary = Encoding.UTF8.GetString(ScenarioOutputWriter.SummaryJson(result));
        string status = result.Interrupted ? BatchJobStatus.TimedOut : BatchJobStatus.Ran;
        string message = result.Interrupted
            ? string.Create(CultureInfo.InvariantCulture, $"stopped by the per-job time limit of {job.TimeLimitS:G} s at simulated t {result.SimulatedS:F1} s")
            : FirstFailure(result);
        return new BatchJobResult(job.Campaign, job.ScenarioName, job.Seed, status, result.Passed, result.SimulatedS, watch.Elapsed.TotalSeconds,
            workerName, delivery, keepHeavy ? dir : string.Empty, message, summary);
    }

    private static string FirstFailure(ScenarioResult result)
    {
        foreach (VehicleResult v in result.Vehicles)
        {
            foreach (CriterionResult c in v.Criteria)
            {
                if (!c.Counts)
                {
                    return string.Create(CultureInfo.InvariantCulture, $"vehicle {v.SystemId}: {c.Name}: {c.MeasuredText("F2")} {c.Unit} (limit {c.Limit:G})");
                }
            }
        }

        return result.Passed ? string.Empty : "failed";
    }

    /// <summary>Keeps summary.json and wallclock.json; removes the per-vehicle CSV and tlog of a passing job.</summary>
    private static void DeleteHeavyOutputs(string dir)
    {
        foreach (string file in Directory.EnumerateFiles(dir, "*", SearchOption.AllDirectories))
        {
            string name = Path.GetFileName(file);
            if (name is not (ScenarioOutputWriter.SummaryName or ScenarioOutputWriter.WallClockName))
            {
                File.Delete(file);
            }
        }

        foreach (string sub in Directory.EnumerateDirectories(dir))
        {
            Directory.Delete(sub, recursive: true);
        }
    }

    private static string Safe(string name)
    {
        var s = new StringBuilder(name.Length);
        foreach (char c in name)
        {
            s.Append(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '_');
        }

        return s.ToString();
    }
}
