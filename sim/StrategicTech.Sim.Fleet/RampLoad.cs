using System.Diagnostics;
using System.Globalization;

namespace StrategicTech.Sim.Fleet;

/// <summary>Counters of a robot load at one instant: states published, states not sent, CPU seconds of the load's process (all, and in user mode).</summary>
public readonly record struct LoadMark(long Published, long NotSent, double CpuS, double UserCpuS = double.NaN);

/// <summary>The robots of a ramp step: grown to a count, publishing until stopped, read at marks.</summary>
public interface IRampLoad : IAsyncDisposable
{
    /// <summary>Connects robots up to <paramref name="robots"/> and starts publishing.</summary>
    Task StartAsync(int robots, int brokerPort, CancellationToken cancellation);

    Task<LoadMark> MarkAsync(CancellationToken cancellation);

    Task StopAsync();
}

/// <summary>The robots in the benchmark's own process (they share its CPU time with the node).</summary>
public sealed class InProcessRampLoad(bool mqttnetRobots = false) : IRampLoad
{
    private IStateLoad? _load;
    private CancellationTokenSource? _running;
    private Task _publishers = Task.CompletedTask;

    public async Task StartAsync(int robots, int brokerPort, CancellationToken cancellation)
    {
        _load ??= StateLoads.Create("127.0.0.1", brokerPort, mqttnetRobots);
        await _load.GrowToAsync(robots, cancellation).ConfigureAwait(false);
        _running = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        _publishers = _load.PublishAsync(_running.Token);
    }

    public Task<LoadMark> MarkAsync(CancellationToken cancellation) =>
        Task.FromResult(new LoadMark(_load!.Published, _load.NotSent, 0));

    public async Task StopAsync()
    {
        if (_running is not null)
        {
            await _running.CancelAsync().ConfigureAwait(false);
            await _publishers.ConfigureAwait(false);
            _running.Dispose();
            _running = null;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync().ConfigureAwait(false);
        if (_load is not null)
        {
            await _load.DisposeAsync().ConfigureAwait(false);
        }
    }
}

/// <summary>
/// The robots in a child process (<c>autonomy fleet load</c>), one per step, so the node's process CPU is the node's
/// alone. Protocol on the child's standard streams: it prints <c>ready</c> once connected and publishing; each line
/// <c>mark</c> on its input is answered with <c>published notSent cpuS userCpuS</c>; end of input stops it.
/// </summary>
public sealed class ChildProcessRampLoad : IRampLoad
{
    private readonly string _fileName;
    private readonly IReadOnlyList<string> _prefixArguments;
    private readonly bool _mqttnetRobots;
    private Process? _child;

    /// <param name="fileName">Executable of the CLI (or <c>dotnet</c>).</param>
    /// <param name="prefixArguments">Arguments before <c>fleet load …</c> (the CLI's assembly when run through <c>dotnet</c>).</param>
    /// <param name="mqttnetRobots">One MQTTnet client per robot (<see cref="StateLoad"/>) instead of the raw-socket publisher.</param>
    public ChildProcessRampLoad(string fileName, IReadOnlyList<string> prefixArguments, bool mqttnetRobots = false)
    {
        _fileName = fileName;
        _prefixArguments = prefixArguments;
        _mqttnetRobots = mqttnetRobots;
    }

    /// <summary>The running CLI itself: its apphost, or <c>dotnet</c> with its assembly.</summary>
    public static ChildProcessRampLoad OfThisProcess(bool mqttnetRobots = false)
    {
        string path = Environment.ProcessPath ?? throw new InvalidOperationException("no process path");
        bool viaDotnet = Path.GetFileNameWithoutExtension(path).Equals("dotnet", StringComparison.OrdinalIgnoreCase);
        return new ChildProcessRampLoad(path, viaDotnet ? [Environment.GetCommandLineArgs()[0]] : [], mqttnetRobots);
    }

    public async Task StartAsync(int robots, int brokerPort, CancellationToken cancellation)
    {
        await StopAsync().ConfigureAwait(false);
        var start = new ProcessStartInfo(_fileName) { RedirectStandardInput = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (string a in _prefixArguments)
        {
            start.ArgumentList.Add(a);
        }

        foreach (string a in new[] { "fleet", "load", "--broker-port", brokerPort.ToString(CultureInfo.InvariantCulture), "--robots", robots.ToString(CultureInfo.InvariantCulture) })
        {
            start.ArgumentList.Add(a);
        }

        if (_mqttnetRobots)
        {
            start.ArgumentList.Add("--mqttnet");
        }

        _child = Process.Start(start) ?? throw new InvalidOperationException("the load process did not start");
        string? line = await _child.StandardOutput.ReadLineAsync(cancellation).ConfigureAwait(false);
        if (line != "ready")
        {
            throw new InvalidOperationException($"load process: expected 'ready', got '{line}'");
        }
    }

    public async Task<LoadMark> MarkAsync(CancellationToken cancellation)
    {
        await _child!.StandardInput.WriteLineAsync("mark").ConfigureAwait(false);
        await _child.StandardInput.FlushAsync(cancellation).ConfigureAwait(false);
        string line = await _child.StandardOutput.ReadLineAsync(cancellation).ConfigureAwait(false) ?? throw new InvalidOperationException("load process ended");
        string[] f = line.Split(' ');
        return new LoadMark(long.Parse(f[0], CultureInfo.InvariantCulture), long.Parse(f[1], CultureInfo.InvariantCulture), double.Parse(f[2], CultureInfo.InvariantCulture), double.Parse(f[3], CultureInfo.InvariantCulture));
    }

    public async Task StopAsync()
    {
        if (_child is null)
        {
            return;
        }

        _child.StandardInput.Close();
        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await _child.WaitForExitAsync(patience.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            _child.Kill(entireProcessTree: true);
        }

        _child.Dispose();
        _child = null;
    }

    public async ValueTask DisposeAsync() => await StopAsync().ConfigureAwait(false);

    /// <summary>The child's side: connects, says ready, answers marks, stops at end of input.</summary>
    public static async Task RunChildAsync(int brokerPort, int robots, TextReader input, TextWriter output, CancellationToken cancellation, bool mqttnetRobots = false)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(output);
        await using IStateLoad load = StateLoads.Create("127.0.0.1", brokerPort, mqttnetRobots);
        await load.GrowToAsync(robots, cancellation).ConfigureAwait(false);
        using var running = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        Task publishers = load.PublishAsync(running.Token);
        await output.WriteLineAsync("ready").ConfigureAwait(false);
        await output.FlushAsync(cancellation).ConfigureAwait(false);
        while (await input.ReadLineAsync(cancellation).ConfigureAwait(false) is { } line)
        {
            if (line == "mark")
            {
                using Process self = Process.GetCurrentProcess();
                double cpuS = self.TotalProcessorTime.TotalSeconds, userS = self.UserProcessorTime.TotalSeconds;
                await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"{load.Published} {load.NotSent} {cpuS:R} {userS:R}")).ConfigureAwait(false);
                await output.FlushAsync(cancellation).ConfigureAwait(false);
            }
        }

        await running.CancelAsync().ConfigureAwait(false);
        await publishers.ConfigureAwait(false);
    }
}
