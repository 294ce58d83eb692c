using System.Globalization;
using StrategicTech.Sim.Cli.Commands;

namespace StrategicTech.Sim.Cli.Batch;

/// <summary>
/// The coordinator of a campaign on NATS: publishes the jobs not yet stored, then watches the results store until
/// every job has a result. A job that can no longer arrive — the queue holds nothing undelivered or unacknowledged,
/// yet its result is missing (its deliveries ran out) — is reported as failed with status "undelivered".
/// </summary>
internal static class BatchQueueCoordinator
{
    public const string Undelivered = "undelivered";

    public static IReadOnlyList<BatchJobResult> Run(BatchJob[] jobs, BatchSettings settings, BatchResultStore store, TextWriter output, bool terminal, CancellationToken stop)
    {
        try
        {
            return RunAsync(jobs, settings, store, output, terminal, stop).GetAwaiter().GetResult();
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            return []; // Ctrl+C or SIGTERM: the report covers what is stored; queued jobs stay for the workers
        }
    }

    private static async Task<IReadOnlyList<BatchJobResult>> RunAsync(BatchJob[] jobs, BatchSettings settings, BatchResultStore store, TextWriter output, bool terminal, CancellationToken stop)
    {
        await using NatsJobQueue queue = await NatsJobQueue.ConnectAsync(settings.Queue!, stop).ConfigureAwait(false);
        await queue.EnsureAsync(TimeSpan.FromSeconds(settings.AckWaitS), settings.MaxDeliver, stop).ConfigureAwait(false);
        BatchJob[] toPublish = [.. jobs.Where(j => !store.Contains(j.Campaign, j.ScenarioName, j.Seed))];
        await queue.PublishAsync(toPublish, stop).ConfigureAwait(false);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  published {toPublish.Length} job(s) to {settings.Queue} (stream {NatsJobQueue.StreamName}; {jobs.Length - toPublish.Length} already stored); waiting for 'autonomy sitl worker --queue {settings.Queue} --results …'"));
        var seen = new HashSet<string>(StringComparer.Ordinal);
        IReadOnlyList<BatchJobResult> missing = [];
        BatchProgress.Run(terminal, jobs.Length, output, report =>
        {
            int drainedPolls = 0;
            while (!stop.IsCancellationRequested)
            {
                foreach (BatchJobResult r in store.ReadHeadlines(jobs[0].Campaign))
                {
                    if (seen.Add(r.Key))
                    {
                        report(r);
                    }
                }

                if (seen.Count >= jobs.Length)
                {
                    return;
                }

                // Results are stored before their job is acknowledged: a drained queue read *before* the store means
                // every result that will ever come is already visible.
                (ulong pending, long ackPending) = queue.StateAsync(stop).GetAwaiter().GetResult();
                drainedPolls = pending == 0 && ackPending == 0 && store.Count(jobs[0].Campaign) < jobs.Length ? drainedPolls + 1 : 0;
                if (drainedPolls >= 3)
                {
                    var stored = store.ReadHeadlines(jobs[0].Campaign).Select(r => r.Key).ToHashSet(StringComparer.Ordinal);
                    missing = [.. jobs.Where(j => !stored.Contains(j.Key)).Select(j => BatchJobResult.Failed(j, Undelivered,
                        string.Create(CultureInfo.InvariantCulture, $"no result after {settings.MaxDeliver} deliveries (every worker that took it died or was stopped)"), 0, "-"))];
                    foreach (BatchJobResult r in missing)
                    {
                        report(r);
                    }

                    return;
                }

                stop.WaitHandle.WaitOne(TimeSpan.FromMilliseconds(500));
            }
        });
        return missing;
    }
}
