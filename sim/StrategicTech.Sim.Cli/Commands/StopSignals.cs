using System.Runtime.InteropServices;

namespace StrategicTech.Sim.Cli.Commands;

/// <summary>
/// Turns Ctrl+C (SIGINT) and SIGTERM into a cancellation instead of killing the process, so a run stops at the
/// next tick and still flushes its tlog and writes its outputs. A second signal is left to the default handler
/// (the process ends at once), the escape hatch when a run does not stop.
/// </summary>
public sealed class StopSignals : IDisposable
{
    private readonly CancellationTokenSource _source = new();
    private readonly PosixSignalRegistration[] _registrations;
    private int _received;

    public StopSignals()
    {
        _registrations =
        [
            PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal),
            PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal),
        ];
    }

    public CancellationToken Token => _source.Token;

    /// <summary>The signal that stopped the run ("SIGINT", "SIGTERM"), or "nothing".</summary>
    public string Signal { get; private set; } = "nothing";

    public void Dispose()
    {
        foreach (PosixSignalRegistration r in _registrations)
        {
            r.Dispose();
        }

        _source.Dispose();
    }

    private void OnSignal(PosixSignalContext context)
    {
        if (Interlocked.Increment(ref _received) > 1)
        {
            return; // second signal: default handling ends the process
        }

        context.Cancel = true;
        Signal = context.Signal == PosixSignal.SIGINT ? "SIGINT" : "SIGTERM";
        _source.Cancel();
    }
}
