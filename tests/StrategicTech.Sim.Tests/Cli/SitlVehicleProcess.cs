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
        : this(["sitl", "vehicle", .. args], verbIncluded: true)
    {
    }

    private SitlVehicleProcess(string[] args, bool verbIncluded)
    {
        _ = verbIncluded;
        string cli = Path.Combine(AppContext.BaseDirectory, "autonomy.dll");
        // env (coreutils) restores SIGINT's default disposition before exec'ing dotnet (same pid): a test host started
        // in the background inherits SIGINT ignored, and .NET leaves a signal ignored at start-up ignored.
        var start = new ProcessStartInfo("env", ["--default-signal=INT", "dotnet", cli, .. args])
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

    /// <summary>Any <c>autonomy</c> verb as a child process (the arguments include the verb).</summary>
    public static SitlVehicleProcess Cli(params string[] args) => new(args, verbIncluded: true);

    /// <summary>Sends a POSIX signal (INT, TERM) to the process with the system's <c>kill</c>.</summary>
    public void Signal(string name)
    {
        using Process kill = Process.Start("kill", ["-" + name, _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])!;
        kill.WaitForExit();
        Assert.Equal(0, kill.ExitCode);
    }

    /// <summary>SIGKILL: the process ends at once, with no chance to clean up (a worker dying mid-job).</summary>
    public void Kill()
    {
        _process.Kill();
        _process.WaitForExit();
    }

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
