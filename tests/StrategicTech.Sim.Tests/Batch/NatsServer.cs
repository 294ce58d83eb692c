using System.Diagnostics;
using System.Globalization;

namespace StrategicTech.Sim.Tests.Batch;

/// <summary><c>nats-server -js</c> (Debian package nats-server) on 127.0.0.1, a free port and a temporary store directory; stopped and removed on dispose.</summary>
internal sealed class NatsServer : IDisposable
{
    private readonly Process _process;
    private readonly string _storeDirectory;

    private NatsServer(Process process, string storeDirectory, int port)
    {
        _process = process;
        _storeDirectory = storeDirectory;
        Url = "nats://127.0.0.1:" + port.ToString(CultureInfo.InvariantCulture);
    }

    public string Url { get; }

    public static NatsServer Start()
    {
        int port = LocalServices.FreePort();
        string store = Directory.CreateTempSubdirectory("batch-nats-").FullName;
        var start = new ProcessStartInfo("nats-server", ["-js", "-a", "127.0.0.1", "-p", port.ToString(CultureInfo.InvariantCulture), "-sd", store])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        Process process = Process.Start(start) ?? throw new InvalidOperationException("nats-server did not start");
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var server = new NatsServer(process, store, port);
        if (!LocalServices.WaitForListener(port, process))
        {
            server.Dispose();
            throw new InvalidOperationException("nats-server did not listen on port " + port.ToString(CultureInfo.InvariantCulture));
        }

        return server;
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            _process.WaitForExit(10_000);
        }

        _process.Dispose();
        Directory.Delete(_storeDirectory, recursive: true);
    }
}
