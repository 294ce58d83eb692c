using System.Collections.Concurrent;
using System.Diagnostics;

namespace StrategicTech.Sim.Tests.Cli;

/// <summary>
/// <c>autonomy sitl vehicle</c> as a child process: its stdin to type into, its stdout collected line by line.
/// Waits are generous timeouts on output, never wall-clock assertions.
/// </summary>
internal sealed class SitlVehicleProcess : IDisposable
{
    private readonly Process _process;
    private readonly BlockingCollection<string> _lines = [];
    private readonly List<string> _seen = [];
    private readonly Task<string> _errors;

    public SitlVehicleProcess(params string[] args)
    {
        string cli = Path.Combine(AppContext.BaseDirectory, "autonomy.dll");
        var start = new ProcessStartInfo("dotnet", [cli, "sitl", "vehicle", .. args])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        _process = Process.Start(start)!;
        _errors = _process.StandardError.ReadToEndAsync();
        _ = Task.Run(async () =>
        {
            while (await _process.StandardOutput.ReadLineAsync() is { } line)
            {
                _lines.Add(line);
            }

            _lines.CompleteAdding();
        });
    }

    public int Id => _process.Id;

    /// <summary>Everything printed so far (for failure messages).</summary>
    public string Transcript => string.Join('\n', _seen);

    public void Type(string line)
    {
        _process.StandardInput.WriteLine(line);
        _process.StandardInput.Flush();
    }

    /// <summary>Reads lines until one contains <paramref name="text"/>; fails with the transcript on timeout or exit.</summary>
    public string WaitFor(string text, int timeoutS = 180)
    {
        var deadline = DateTime.UtcNow.AddSeconds(timeoutS);
        while (DateTime.UtcNow < deadline)
        {
            if (!_lines.TryTake(out string? line, TimeSpan.FromSeconds(1)))
            {
                Assert.False(_lines.IsCompleted, $"process ended before printing '{text}': {Transcript}\n{Errors()}");
                continue;
            }

            _seen.Add(line);
            if (line.Contains(text, StringComparison.Ordinal))
            {
                return line;
            }
        }

        Assert.Fail($"no line with '{text}' within {timeoutS} s: {Transcript}");
        return string.Empty;
    }

    /// <summary>Waits for the exit and returns the code, with the rest of the output read.</summary>
    public int WaitForExit(int timeoutS = 180)
    {
        Assert.True(_process.WaitForExit(TimeSpan.FromSeconds(timeoutS)), "process did not exit: " + Transcript);
        _process.WaitForExit();
        while (_lines.TryTake(out string? line, TimeSpan.FromSeconds(5)))
        {
            _seen.Add(line);
        }

        return _process.ExitCode;
    }

    public string Errors() => _errors.IsCompleted ? _errors.Result : string.Empty;

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }

        _process.Dispose();
        _lines.Dispose();
    }
}
