using System.Diagnostics;
using System.Text;
using System.Threading.Channels;

namespace StrategicTech.Sim.Cli.Batch;

/// <summary>
/// One <c>autonomy sitl worker --stdio</c> child: jobs go in as JSON lines on its stdin, results come back as
/// <c>result {json}</c> lines on its stdout. A job that outlives its time limit, or a worker that dies, costs
/// that job only: the process is killed and the next job gets a fresh one.
/// </summary>
internal sealed class WorkerProcess : IDisposable
{
    public const string ResultPrefix = "result ";

    /// <summary>The failure text when the campaign itself was stopped (Ctrl+C, SIGTERM): the job is not judged.</summary>
    public const string Stopped = "campaign stopped";

    private readonly Process _process;
    private readonly Channel<string> _lines = Channel.CreateUnbounded<string>(new UnboundedChannelOptions { SingleReader = true });
    private readonly StringBuilder _stderrTail = new();

    private WorkerProcess(Process process, string name)
    {
        _process = process;
        Name = name;
        _ = Task.Run(async () =>
        {
            while (await _process.StandardOutput.ReadLineAsync().ConfigureAwait(false) is { } line)
            {
                _lines.Writer.TryWrite(line);
            }

            _lines.Writer.TryComplete();
        });
        _ = Task.Run(async () =>
        {
            while (await _process.StandardError.ReadLineAsync().ConfigureAwait(false) is { } line)
            {
                lock (_stderrTail)
                {
                    _stderrTail.AppendLine(line);
                    if (_stderrTail.Length > 4000)
                    {
                        _stderrTail.Remove(0, _stderrTail.Length - 4000);
                    }
                }
            }
        });
    }

    public string Name { get; }

    public int Id => _process.Id;

    /// <summary>Starts this very program as a stdio worker writing its outputs under <paramref name="outputRoot"/>.</summary>
    public static WorkerProcess Start(string outputRoot, bool keepAll, string name)
    {
        ProcessStartInfo start = SelfCommand.StartInfo(["sitl", "worker", "--stdio", "--out", outputRoot, "--name", name, .. keepAll ? new[] { "--keep-all" } : []]);
        start.RedirectStandardInput = true;
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.StandardInputEncoding = new UTF8Encoding(false);
        return new WorkerProcess(Process.Start(start) ?? throw new InvalidOperationException("could not start a worker process"), name);
    }

    /// <summary>Sends <paramref name="job"/> and waits up to its time limit for the result; null when the worker died or ran out of time.</summary>
    public async Task<(BatchJobResult? Result, string Failure)> RunAsync(BatchJob job, CancellationToken cancellation)
    {
        try
        {
            await _process.StandardInput.WriteLineAsync(Encoding.UTF8.GetString(job.ToJson())).ConfigureAwait(false);
            await _process.StandardInput.FlushAsync(cancellation).ConfigureAwait(false);
        }
        catch (IOException)
        {
            return (null, "worker process died before taking the job" + StderrTail());
        }
        catch (OperationCanceledException)
        {
            return (null, Stopped);
        }

        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        limit.CancelAfter(TimeSpan.FromSeconds(job.TimeLimitS));
        try
        {
            while (await _lines.Reader.WaitToReadAsync(limit.Token).ConfigureAwait(false))
            {
                while (_lines.Reader.TryRead(out string? line))
                {
                    if (line.StartsWith(ResultPrefix, StringComparison.Ordinal) && BatchJobResult.TryParse(line[ResultPrefix.Length..]) is { } result)
                    {
                        return (result, string.Empty);
                    }
                }
            }
        }
        catch (OperationCanceledException)
        {
            return cancellation.IsCancellationRequested
                ? (null, Stopped)
                : (null, "exceeded the per-job time limit of " + job.TimeLimitS.ToString("G", System.Globalization.CultureInfo.InvariantCulture) + " s: worker killed");
        }

        _process.WaitForExit(5000);
        string code = _process.HasExited ? " with exit code " + _process.ExitCode.ToString(System.Globalization.CultureInfo.InvariantCulture) : string.Empty;
        return (null, "worker process died mid-job" + code + StderrTail());
    }

    /// <summary>Closes stdin (the worker exits after its current job) and waits briefly, else kills.</summary>
    public void Stop()
    {
        try
        {
            _process.StandardInput.Close();
        }
        catch (IOException)
        {
            // already gone
        }

        if (!_process.WaitForExit(10_000))
        {
            Kill();
        }
    }

    public void Kill()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit(10_000);
            }
        }
        catch (InvalidOperationException)
        {
            // exited between the check and the kill
        }
    }

    public void Dispose()
    {
        Kill();
        _process.Dispose();
    }

    private string StderrTail()
    {
        lock (_stderrTail)
        {
            string tail = _stderrTail.ToString().Trim();
            int lastLine = tail.LastIndexOf('\n');
            return tail.Length == 0 ? string.Empty : ": " + (lastLine >= 0 ? tail[(lastLine + 1)..] : tail);
        }
    }
}
