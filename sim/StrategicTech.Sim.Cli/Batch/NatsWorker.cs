using System.Globalization;
using NATS.Client.JetStream;

namespace StrategicTech.Sim.Cli.Batch;

/// <summary>
/// A worker on the NATS work queue: takes one job at a time, sends in-progress acknowledgements every third of the
/// ack wait while it flies, stores the result, and only then acknowledges. Killed mid-job, it acknowledges nothing
/// and the job is delivered to another worker after the ack wait; killed between storing and acknowledging, the
/// redelivered job is found in the store and acknowledged without flying it again.
/// </summary>
public sealed class NatsWorker(NatsJobQueue queue, BatchResultStore store, BatchJobRunner runner, TextWriter log)
{
    /// <summary>Serves jobs until <paramref name="cancellation"/>, or until <paramref name="idleExit"/> passes without a job.</summary>
    public async Task<int> ServeAsync(TimeSpan? idleExit, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(queue);
        INatsJSConsumer consumer = await queue.WaitForConsumerAsync(cancellation).ConfigureAwait(false);
        TimeSpan ackWait = consumer.Info.Config.AckWait;
        TimeSpan heartbeat = ackWait / 3;
        Log($"worker {runner.WorkerName}: consuming {NatsJobQueue.StreamName}/{NatsJobQueue.ConsumerName} (ack wait {ackWait.TotalSeconds:G} s), results to {store.Description}");
        int done = 0;
        DateTime idleSince = DateTime.UtcNow;
        while (!cancellation.IsCancellationRequested)
        {
            INatsJSMsg<byte[]>? next;
            try
            {
                next = await consumer.NextAsync<byte[]>(opts: new NatsJSNextOpts { Expires = TimeSpan.FromSeconds(2) }, cancellationToken: cancellation).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                break;
            }

            if (next is not { } msg)
            {
                if (idleExit is { } idle && DateTime.UtcNow - idleSince > idle)
                {
                    Log($"worker {runner.WorkerName}: idle for {idle.TotalSeconds:G} s, exiting after {done} job(s)");
                    break;
                }

                continue;
            }

            await HandleAsync(msg, heartbeat, cancellation).ConfigureAwait(false);
            done++;
            idleSince = DateTime.UtcNow;
        }

        return ExitCodes.Success;
    }

    private async Task HandleAsync(INatsJSMsg<byte[]> msg, TimeSpan heartbeat, CancellationToken cancellation)
    {
        BatchJob job;
        try
        {
            job = BatchJob.Parse(msg.Data ?? []);
        }
        catch (FormatException e)
        {
            Log($"worker {runner.WorkerName}: dropped a malformed job on {msg.Subject}: {e.Message}");
            await msg.AckTerminateAsync(cancellationToken: cancellation).ConfigureAwait(false);
            return;
        }

        int delivery = (int)(msg.Metadata?.NumDelivered ?? 1);
        if (store.Contains(job.Campaign, job.ScenarioName, job.Seed))
        {
            Log($"job {job.Key} already stored (delivery {delivery}): acknowledged without flying it again");
            await msg.AckAsync(new AckOpts { DoubleAck = true }, cancellation).ConfigureAwait(false);
            return;
        }

        Log($"job started {job.Key} (delivery {delivery})");
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(job.TimeLimitS));
        Task<BatchJobResult> run = Task.Run(() => runner.Run(job, delivery, limit.Token), CancellationToken.None);
        while (await Task.WhenAny(run, Task.Delay(heartbeat, CancellationToken.None)).ConfigureAwait(false) != run)
        {
            await msg.AckProgressAsync(cancellationToken: CancellationToken.None).ConfigureAwait(false);
        }

        BatchJobResult result = await run.ConfigureAwait(false);
        bool stored = store.TryStore(result);
        await msg.AckAsync(new AckOpts { DoubleAck = true }, CancellationToken.None).ConfigureAwait(false);
        Log($"job done {job.Key}: {(result.Passed ? "PASS" : "FAIL")} in {result.WallS:F2} s wall; {(stored ? "stored" : "already stored by another worker")}");
    }

    private void Log(FormattableString text)
    {
        log.WriteLine(text.ToString(CultureInfo.InvariantCulture));
        log.Flush();
    }
}
