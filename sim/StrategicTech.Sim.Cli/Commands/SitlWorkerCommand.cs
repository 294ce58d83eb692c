using System.CommandLine;
using System.Globalization;
using System.Text;
using StrategicTech.Sim.Cli.Batch;

namespace StrategicTech.Sim.Cli.Commands;

/// <summary>
/// <c>autonomy sitl worker</c>: flies campaign jobs. <c>--stdio</c>: a child of <c>sitl batch</c> on this machine
/// (jobs as JSON lines on stdin, <c>result {json}</c> lines on stdout). <c>--queue nats://…</c>: a worker on any
/// machine consuming the NATS JetStream work queue, results into PostgreSQL or SQLite (<c>--results</c>).
/// </summary>
public static class SitlWorkerCommand
{
    public static Command Create()
    {
        var stdio = new Option<bool>("--stdio") { Description = "Take jobs as JSON lines on stdin and answer 'result {json}' lines on stdout (how 'sitl batch' drives its local workers)." };
        var queue = new Option<string?>("--queue") { Description = "NATS server of the work queue, e.g. nats://10.0.0.5:4222 (JetStream enabled)." };
        var results = new Option<string?>("--results") { Description = "With --queue: where results go, postgres://user[:password]@host[:port]/database or a SQLite file path." };
        var outDir = new Option<string>("--out") { Description = "Root of the jobs' output folders (<root>/<campaign>/<scenario>/seed-<n>).", DefaultValueFactory = _ => "sitl-batch-out" };
        var keepAll = new Option<bool>("--keep-all") { Description = "Keep every job's CSV, tlog and plots, not only the failing jobs'." };
        var name = new Option<string?>("--name") { Description = "This worker's name in the results (default <host>/<pid>)." };
        var idleExit = new Option<double?>("--idle-exit") { Description = "With --queue: exit after this many seconds without a job (default: serve until Ctrl+C or SIGTERM)." };
        var command = new Command("worker", "Fly campaign jobs for 'sitl batch': as its local child (--stdio) or from a NATS JetStream work queue on any machine (--queue, --results).")
        {
            stdio, queue, results, outDir, keepAll, name, idleExit,
        };
        command.SetAction(parse => Run(parse.GetValue(stdio), parse.GetValue(queue), parse.GetValue(results), parse.GetValue(outDir)!, parse.GetValue(keepAll),
            parse.GetValue(name), parse.GetValue(idleExit), parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error));
        return command;
    }

    public static int Run(bool stdio, string? queueUrl, string? resultsLocation, string outputRoot, bool keepAll, string? name, double? idleExitS, TextWriter output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        string workerName = name ?? Environment.MachineName + "/" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture);
        var runner = new BatchJobRunner(outputRoot, keepAll, workerName);
        if (stdio == (queueUrl is not null))
        {
            error.WriteLine("error: give either --stdio (a child of 'sitl batch') or --queue nats://host:port");
            return ExitCodes.BadInput;
        }

        return stdio ? ServeStdio(runner, output, error) : ServeQueue(runner, queueUrl!, resultsLocation, idleExitS, output, error);
    }

    private static int ServeStdio(BatchJobRunner runner, TextWriter output, TextWriter error)
    {
        using var input = new StreamReader(Console.OpenStandardInput(), new UTF8Encoding(false));
        while (input.ReadLine() is { } line)
        {
            if (line.Length == 0)
            {
                continue;
            }

            BatchJob job;
            try
            {
                job = BatchJob.Parse(Encoding.UTF8.GetBytes(line));
            }
            catch (FormatException e)
            {
                error.WriteLine("error: " + e.Message);
                return ExitCodes.BadInput;
            }

            // The parent enforces the time limit by killing this process (a hang included).
            BatchJobResult result = runner.Run(job, 1, CancellationToken.None);
            output.WriteLine(WorkerProcess.ResultPrefix + result.ToJsonLine());
            output.Flush();
        }

        return ExitCodes.Success;
    }

    private static int ServeQueue(BatchJobRunner runner, string queueUrl, string? resultsLocation, double? idleExitS, TextWriter output, TextWriter error)
    {
        if (resultsLocation is null)
        {
            error.WriteLine("error: --queue needs --results postgres://user@host:port/database (or a SQLite file path on a single machine)");
            return ExitCodes.BadInput;
        }

        if (idleExitS is <= 0)
        {
            error.WriteLine("error: --idle-exit must be a positive number of seconds");
            return ExitCodes.BadInput;
        }

        using var stop = new StopSignals();
        try
        {
            using BatchResultStore store = BatchResultStore.Open(resultsLocation);
            return ServeQueueAsync(runner, queueUrl, store, idleExitS, output, stop.Token).GetAwaiter().GetResult();
        }
        catch (Exception e) when (BatchCommandErrors.IsConnectionProblem(e))
        {
            error.WriteLine("error: " + BatchCommandErrors.Describe(e, queueUrl, resultsLocation));
            return ExitCodes.BadInput;
        }
    }

    private static async Task<int> ServeQueueAsync(BatchJobRunner runner, string queueUrl, BatchResultStore store, double? idleExitS, TextWriter output, CancellationToken stop)
    {
        await using NatsJobQueue queue = await NatsJobQueue.ConnectAsync(queueUrl, stop).ConfigureAwait(false);
        var worker = new NatsWorker(queue, store, runner, output);
        try
        {
            return await worker.ServeAsync(idleExitS is { } s ? TimeSpan.FromSeconds(s) : null, stop).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            return ExitCodes.Success;
        }
    }
}
