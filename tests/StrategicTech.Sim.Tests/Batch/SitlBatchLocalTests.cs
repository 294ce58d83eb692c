using System.Text;
using StrategicTech.Sim.Cli.Batch;
using StrategicTech.Sim.Cli.Commands;
using StrategicTech.Sim.Scenarios;
using StrategicTech.Sim.Tests.Cli;

namespace StrategicTech.Sim.Tests.Batch;

/// <summary><c>autonomy sitl batch</c> on this machine: worker processes, SQLite results, the report and exit codes.</summary>
public sealed class SitlBatchLocalTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("sitl-batch-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void LocalBatchStoresEachSeedOnceWithTheSameSummaryJsonAsSitlRunOfThatSeed()
    {
        string scenario = ShortHoverScenario.Write(_dir, "short");
        string outDir = Path.Combine(_dir, "batch");
        (int code, string output, string error) = CliRunner.Run("sitl", "batch", scenario, "--seeds", "1..3", "--workers", "2", "--out", outDir, "--campaign", "local1");

        Assert.True(code == 0, output + error);
        using BatchResultStore store = BatchResultStore.Open(Path.Combine(outDir, SitlBatchCommand.ResultsFileName));
        IReadOnlyList<BatchJobResult> results = store.Read("local1");
        Assert.Equal([1UL, 2UL, 3UL], results.Select(r => r.Seed));
        Assert.All(results, r => Assert.Equal(BatchJobStatus.Ran, r.Status));
        Assert.Equal(2, results.Select(r => r.Worker).Distinct().Count());
        foreach (BatchJobResult r in results)
        {
            string runDir = Path.Combine(_dir, "run-" + r.Seed);
            (int runCode, string runOutput, _) = CliRunner.Run("sitl", "run", scenario, "--seed", r.Seed.ToString(System.Globalization.CultureInfo.InvariantCulture), "--out", runDir, "--no-plots");
            Assert.True(runCode == 0, runOutput);
            Assert.Equal(File.ReadAllText(Path.Combine(runDir, ScenarioOutputWriter.SummaryName), Encoding.UTF8), r.SummaryJson);
            string jobDir = Path.Combine(outDir, "local1", "short", "seed-" + r.Seed);
            Assert.Equal(r.SummaryJson, File.ReadAllText(Path.Combine(jobDir, ScenarioOutputWriter.SummaryName), Encoding.UTF8));
            Assert.False(File.Exists(Path.Combine(jobDir, ScenarioOutputWriter.CsvName)), "a passing job's CSV is deleted without --keep-all");
            Assert.False(File.Exists(Path.Combine(jobDir, SitlAttachments.TlogName)), "a passing job's tlog is deleted without --keep-all");
        }

        Assert.Contains("pass rate per criterion", output, StringComparison.Ordinal);
        Assert.Contains("3/3 jobs passed", output, StringComparison.Ordinal);
        Assert.Contains("[   3/3]", output, StringComparison.Ordinal);
        Assert.Contains("result: PASS", output, StringComparison.Ordinal);
    }

    [Fact]
    public void FailingSeedsKeepTheirOutputsAndTheReportNamesTheWorstValueAndExit1()
    {
        string scenario = ShortHoverScenario.Write(_dir, "tight", maxTiltDeg: 1);
        string outDir = Path.Combine(_dir, "batch");
        (int code, string output, string error) = CliRunner.Run("sitl", "batch", scenario, "--seeds", "4..5", "--workers", "2", "--out", outDir, "--campaign", "fail1");

        Assert.True(code == 1, output + error);
        using BatchResultStore store = BatchResultStore.Open(Path.Combine(outDir, SitlBatchCommand.ResultsFileName));
        IReadOnlyList<BatchJobResult> results = store.Read("fail1");
        Assert.Equal(2, results.Count);
        BatchSummary summary = BatchSummary.Of(results);
        CriterionSummary tilt = Assert.Single(summary.Criteria, c => c.Criterion == "max tilt (truth)");
        Assert.Equal(0, tilt.Passed);
        BatchJobResult worst = Assert.Single(results, r => r.Seed == tilt.WorstSeed);
        double worstTiltDeg = Tilt(worst.SummaryJson);
        Assert.Equal(results.Max(r => Tilt(r.SummaryJson)), worstTiltDeg);
        Assert.Equal(worstTiltDeg, tilt.WorstMeasured);
        foreach (BatchJobResult r in results)
        {
            Assert.False(r.Passed);
            Assert.Contains("max tilt (truth)", r.Message, StringComparison.Ordinal);
            Assert.True(File.Exists(Path.Combine(r.OutputDirectory, ScenarioOutputWriter.CsvName)), "a failing job keeps its CSV");
            Assert.True(File.Exists(Path.Combine(r.OutputDirectory, SitlAttachments.TlogName)), "a failing job keeps its tlog");
            Assert.True(File.Exists(Path.Combine(r.OutputDirectory, "track.png")), "a failing job gets its plots");
        }

        Assert.Contains("failing jobs (2)", output, StringComparison.Ordinal);
        Assert.Contains("0/2 jobs passed", output, StringComparison.Ordinal);
        Assert.Contains("result: FAIL", output, StringComparison.Ordinal);
    }

    [Fact]
    public void JobOverThePerJobTimeLimitIsKilledAndReportedAsTimeoutWhileTheOtherJobsStillRun()
    {
        string scenario = ShortHoverScenario.Write(_dir, "short");
        string outDir = Path.Combine(_dir, "batch");
        // 0.05 s cannot hold a worker's start-up plus a 30 s flight: every job times out, each in a fresh worker.
        (int code, string output, string error) = CliRunner.Run("sitl", "batch", scenario, "--seeds", "1..2", "--workers", "1", "--job-timeout", "0.05", "--out", outDir, "--campaign", "slow1");

        Assert.True(code == 1, output + error);
        using BatchResultStore store = BatchResultStore.Open(Path.Combine(outDir, SitlBatchCommand.ResultsFileName));
        IReadOnlyList<BatchJobResult> results = store.Read("slow1");
        Assert.Equal([1UL, 2UL], results.Select(r => r.Seed));
        Assert.All(results, r => Assert.Equal(BatchJobStatus.TimedOut, r.Status));
        Assert.All(results, r => Assert.Contains("per-job time limit", r.Message, StringComparison.Ordinal));
        Assert.Contains("failing jobs (2)", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WorkerKilledMidJobCostsThatJobOnlyAndTheCampaignGoesOnWithAFreshWorker()
    {
        string scenario = ShortHoverScenario.Write(_dir, "short");
        string outDir = Path.Combine(_dir, "crash-batch");
        Task<(int Code, string Output, string Error)> campaign = Task.Run(() =>
            CliRunner.Run("sitl", "batch", scenario, "--seeds", "1..3", "--workers", "1", "--out", outDir, "--campaign", "crash1"));
        int killed = KillFirstWorkerOf(outDir);
        (int code, string output, string error) = await campaign.WaitAsync(TimeSpan.FromSeconds(300));

        Assert.True(code == 1, output + error);
        using BatchResultStore store = BatchResultStore.Open(Path.Combine(outDir, SitlBatchCommand.ResultsFileName));
        IReadOnlyList<BatchJobResult> results = store.Read("crash1");
        Assert.Equal([1UL, 2UL, 3UL], results.Select(r => r.Seed));
        BatchJobResult crashed = Assert.Single(results, r => r.Status == BatchJobStatus.Crashed);
        Assert.Contains("worker process died", crashed.Message, StringComparison.Ordinal);
        Assert.All(results.Where(r => r != crashed), r => Assert.True(r.Passed, r.Message));
        Assert.True(killed > 0);
        Assert.Contains("failing jobs (1)", output, StringComparison.Ordinal);
    }

    [Fact]
    public void SigintStopsTheCampaignReportsWhatFinishedAsIncompleteAndExits1()
    {
        string scenario = ShortHoverScenario.Write(_dir, "short");
        string outDir = Path.Combine(_dir, "stopped");
        using var batch = SitlVehicleProcess.Cli("sitl", "batch", scenario, "--seeds", "1..50", "--workers", "1", "--out", outDir, "--campaign", "stop1");
        batch.WaitFor("[   1/50] short seed 1: PASS");
        batch.Signal("INT");

        Assert.Equal(1, batch.WaitForExit());
        Assert.Contains("stopped by SIGINT", batch.Transcript, StringComparison.Ordinal);
        Assert.Contains("result: INCOMPLETE (", batch.Transcript, StringComparison.Ordinal);
        using BatchResultStore store = BatchResultStore.Open(Path.Combine(outDir, SitlBatchCommand.ResultsFileName));
        IReadOnlyList<BatchJobResult> results = store.Read("stop1");
        Assert.InRange(results.Count, 1, 49);
        Assert.All(results, r => Assert.True(r.Passed, r.Message)); // the job cut short by the signal is not stored as a failure
    }

    /// <summary>Finds the campaign's first worker process (its command line names the output folder) and SIGKILLs it.</summary>
    private static int KillFirstWorkerOf(string outDir)
    {
        var deadline = DateTime.UtcNow.AddSeconds(120);
        while (DateTime.UtcNow < deadline)
        {
            foreach (string proc in Directory.EnumerateDirectories("/proc"))
            {
                if (!int.TryParse(Path.GetFileName(proc), out int pid))
                {
                    continue;
                }

                string commandLine;
                try
                {
                    commandLine = File.ReadAllText(Path.Combine(proc, "cmdline")).Replace('\0', ' ');
                }
                catch (IOException)
                {
                    continue;
                }
                catch (UnauthorizedAccessException)
                {
                    continue;
                }

                if (commandLine.Contains("sitl worker --stdio --out " + outDir + " ", StringComparison.Ordinal))
                {
                    using var worker = System.Diagnostics.Process.GetProcessById(pid);
                    worker.Kill();
                    return pid;
                }
            }

            Thread.Sleep(20);
        }

        Assert.Fail("no worker process of " + outDir + " appeared");
        return 0;
    }

    [Theory]
    [InlineData("nosuch-scenario", "--workers", "1")]
    [InlineData("hover", "--workers", "0")]
    [InlineData("hover", "--seeds", "5..2")]
    [InlineData("hover", "--job-timeout", "0")]
    [InlineData("hover", "--campaign", "bad name")]
    [InlineData("hover", "--queue", "http://127.0.0.1:4222")]
    public void BadInputExits2WithASentenceAndRunsNothing(string scenario, string option, string value)
    {
        string outDir = Path.Combine(_dir, "bad");
        (int code, _, string error) = CliRunner.Run("sitl", "batch", scenario, option, value, "--out", outDir);

        Assert.Equal(2, code);
        Assert.StartsWith("error: ", error, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", error, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(outDir, SitlBatchCommand.ResultsFileName)));
    }

    [Fact]
    public void WorkerWithoutStdioOrQueueExits2()
    {
        (int code, _, string error) = CliRunner.Run("sitl", "worker");

        Assert.Equal(2, code);
        Assert.Contains("--stdio", error, StringComparison.Ordinal);
    }

    private static double Tilt(string summaryJson)
    {
        using var doc = System.Text.Json.JsonDocument.Parse(summaryJson);
        return doc.RootElement.GetProperty("vehicles")[0].GetProperty("maxTiltDeg").GetDouble();
    }
}
