using System.Text.RegularExpressions;
using StrategicTech.Sim.Cli.Batch;
using StrategicTech.Sim.Cli.Commands;
using StrategicTech.Sim.Tests.Cli;

namespace StrategicTech.Sim.Tests.Batch;

/// <summary>
/// <c>sitl batch --queue</c> on a real nats-server (JetStream) with results in a real PostgreSQL, two
/// <c>sitl worker --queue</c> processes, one of them SIGKILLed mid-job.
/// </summary>
public sealed partial class SitlBatchQueueTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("sitl-batch-queue-").FullName;

    /// <summary>A 20 s hold makes each job last long enough in wall time that the kill usually lands mid-job.</summary>
    private const double QueueJobHoldS = 20;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task KilledWorkersJobIsRedeliveredAndEveryJobIsStoredOnceWithTheLocalRunsSummaries()
    {
        using NatsServer nats = NatsServer.Start();
        using PostgresServer postgres = PostgresServer.Start();
        string scenario = ShortHoverScenario.Write(_dir, "short", holdS: QueueJobHoldS);
        string[] campaignArgs = ["sitl", "batch", scenario, "--seeds", "1..3", "--queue", nats.Url, "--results", postgres.Url, "--campaign", "queue1", "--ack-wait", "3", "--out", Path.Combine(_dir, "coordinator")];
        Task<(int Code, string Output, string Error)> coordinator = Task.Run(() => CliRunner.Run(campaignArgs));

        using var a = SitlVehicleProcess.Cli("sitl", "worker", "--queue", nats.Url, "--results", postgres.Url, "--out", Path.Combine(_dir, "a"), "--name", "A", "--idle-exit", "30");
        a.WaitFor("job started ");
        using var b = SitlVehicleProcess.Cli("sitl", "worker", "--queue", nats.Url, "--results", postgres.Url, "--out", Path.Combine(_dir, "b"), "--name", "B", "--idle-exit", "8");
        a.Kill(); // SIGKILL mid-job: no ack, no result; the job comes back after the 3 s ack wait
        a.WaitForExit();
        string killedKey = UnfinishedJob(a.Transcript);

        (int code, string output, string error) = await coordinator.WaitAsync(TimeSpan.FromSeconds(300));
        Assert.True(code == 0, output + error + b.Transcript);
        Assert.Equal(0, b.WaitForExit(120));

        using BatchResultStore store = BatchResultStore.Open(postgres.Url);
        IReadOnlyList<BatchJobResult> queued = store.Read("queue1");
        Assert.Equal(["queue1/short/1", "queue1/short/2", "queue1/short/3"], queued.Select(r => r.Key));
        BatchJobResult redelivered = Assert.Single(queued, r => r.Key == killedKey);
        Assert.Equal(2, redelivered.Deliveries);
        Assert.Equal("B", redelivered.Worker);
        string workerLog = a.Transcript + "\n" + b.Transcript;
        foreach (BatchJobResult r in queued)
        {
            Assert.Single(Regex.Matches(workerLog, "job done " + Regex.Escape(r.Key) + ":"));
        }

        Assert.Equal(2, Regex.Matches(workerLog, "job started " + Regex.Escape(killedKey) + " ").Count);

        string localOut = Path.Combine(_dir, "local");
        (int localCode, string localOutput, _) = CliRunner.Run("sitl", "batch", scenario, "--seeds", "1..3", "--workers", "2", "--out", localOut, "--campaign", "queue1");
        Assert.True(localCode == 0, localOutput);
        using BatchResultStore local = BatchResultStore.Open(Path.Combine(localOut, SitlBatchCommand.ResultsFileName));
        Assert.Equal(local.Read("queue1").Select(r => (r.Key, r.SummaryJson)), queued.Select(r => (r.Key, r.SummaryJson)));
        Assert.Contains("3/3 jobs passed", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task JobWhoseOnlyDeliveryDiedIsReportedUndeliveredAndTheRestLandInSqlite()
    {
        using NatsServer nats = NatsServer.Start();
        string scenario = ShortHoverScenario.Write(_dir, "short", holdS: QueueJobHoldS);
        string results = Path.Combine(_dir, "queue-results.sqlite");
        string[] campaignArgs = ["sitl", "batch", scenario, "--seeds", "1..2", "--queue", nats.Url, "--results", results, "--campaign", "lost1", "--ack-wait", "2", "--max-deliver", "1", "--out", Path.Combine(_dir, "coordinator")];
        Task<(int Code, string Output, string Error)> coordinator = Task.Run(() => CliRunner.Run(campaignArgs));

        using var a = SitlVehicleProcess.Cli("sitl", "worker", "--queue", nats.Url, "--results", results, "--out", Path.Combine(_dir, "a"), "--name", "A", "--idle-exit", "30");
        a.WaitFor("job started ");
        a.Kill(); // its job had its one delivery: it is never delivered again
        a.WaitForExit();
        using var b = SitlVehicleProcess.Cli("sitl", "worker", "--queue", nats.Url, "--results", results, "--out", Path.Combine(_dir, "b"), "--name", "B", "--idle-exit", "8");
        string lostKey = UnfinishedJob(a.Transcript);

        (int code, string output, string error) = await coordinator.WaitAsync(TimeSpan.FromSeconds(300));
        Assert.True(code == 1, output + error + b.Transcript);
        Assert.Equal(0, b.WaitForExit(120));
        using BatchResultStore store = BatchResultStore.Open(results);
        BatchJobResult stored = Assert.Single(store.Read("lost1"));
        Assert.NotEqual(lostKey, stored.Key);
        Assert.True(stored.Passed, stored.Message);
        Assert.Equal(a.Transcript.Contains("job done " + stored.Key + ":", StringComparison.Ordinal) ? "A" : "B", stored.Worker);
        Assert.Contains(lostKey.Replace("lost1/short/", "short seed ", StringComparison.Ordinal) + ": FAIL (undelivered)", output, StringComparison.Ordinal);
        Assert.Contains("result: FAIL", output, StringComparison.Ordinal);
    }

    [Fact]
    public void UnreachableQueueExits2WithASentence()
    {
        int port = LocalServices.FreePort();
        (int code, _, string error) = CliRunner.Run("sitl", "batch", "hover", "--queue", "nats://127.0.0.1:" + port, "--results", Path.Combine(_dir, "r.sqlite"), "--out", _dir);

        Assert.Equal(2, code);
        Assert.StartsWith("error: cannot use the NATS work queue at nats://127.0.0.1:", error, StringComparison.Ordinal);
    }

    /// <summary>
    /// The job the killed worker was running: started and not done. A short job can finish between the test reading
    /// "job started" and the kill landing, so the first started job is not necessarily the one that died.
    /// </summary>
    private static string UnfinishedJob(string transcript)
    {
        HashSet<string> done = [.. DoneKey().Matches(transcript).Select(m => m.Groups[1].Value)];
        return Assert.Single(StartedKey().Matches(transcript).Select(m => m.Groups[1].Value), k => !done.Contains(k));
    }

    [GeneratedRegex(@"job started (\S+) ")]
    private static partial Regex StartedKey();

    [GeneratedRegex(@"job done (\S+):")]
    private static partial Regex DoneKey();
}
