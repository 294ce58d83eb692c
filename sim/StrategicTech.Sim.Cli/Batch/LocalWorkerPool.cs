using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Threading.Channels;

namespace StrategicTech.Sim.Cli.Batch;

/// <summary>
/// Runs a campaign's jobs on this machine in <c>workers</c> child processes (<see cref="WorkerProcess"/>), each
/// taking the next job when it finishes one. Results reach <c>onResult</c> on the caller's thread, one at a time,
/// in the order they finish.
/// </summary>
public static class LocalWorkerPool
{
    public static void Run(IReadOnlyList<BatchJob> jobs, int workers, string outputRoot, bool keepAll, Action<BatchJobResult> onResult, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(jobs);
        ArgumentNullException.ThrowIfNull(onResult);
        var queue = new ConcurrentQueue<BatchJob>(jobs);
        var results = Channel.CreateUnbounded<BatchJobResult>();
        var tasks = new Task[Math.Min(workers, Math.Max(jobs.Count, 1))];
        for (int i = 0; i < tasks.Length; i++)
        {
            string name = Environment.MachineName + "/local-" + (i + 1).ToString(CultureInfo.InvariantCulture);
            tasks[i] = Task.Run(() => Serve(queue, results.Writer, outputRoot, keepAll, name, cancellation), CancellationToken.None);
        }

        _ = Task.WhenAll(tasks).ContinueWith(_ => results.Writer.TryComplete(), TaskScheduler.Default);
        while (results.Reader.WaitToReadAsync(CancellationToken.None).AsTask().GetAwaiter().GetResult())
        {
            while (results.Reader.TryRead(out BatchJobResult? result))
            {
                onResult(result);
            }
        }

        Task.WaitAll(tasks, CancellationToken.None);
    }

    private static async Task Serve(ConcurrentQueue<BatchJob> queue, ChannelWriter<BatchJobResult> results, string outputRoot, bool keepAll, string name, CancellationToken cancellation)
    {
        WorkerProcess? worker = null;
        try
        {
            while (!cancellation.IsCancellationRequested && queue.TryDequeue(out BatchJob? job))
            {
                worker ??= WorkerProcess.Start(outputRoot, keepAll, name);
                var watch = Stopwatch.StartNew();
                (BatchJobResult? result, string failure) = await worker.RunAsync(job, cancellation).ConfigureAwait(false);
                if (result is null)
                {
                    worker.Dispose(); // killed: a hung or dead worker takes only this job with it
                    worker = null;
                    if (cancellation.IsCancellationRequested)
                    {
                        break;
                    }

                    bool timedOut = failure.StartsWith("exceeded", StringComparison.Ordinal);
                    result = BatchJobResult.Failed(job, timedOut ? BatchJobStatus.TimedOut : BatchJobStatus.Crashed, failure, watch.Elapsed.TotalSeconds, name);
                }

                results.TryWrite(result);
            }
        }
        finally
        {
            if (cancellation.IsCancellationRequested)
            {
                worker?.Dispose();
            }
            else
            {
                worker?.Stop();
                worker?.Dispose();
            }
        }
    }
}
