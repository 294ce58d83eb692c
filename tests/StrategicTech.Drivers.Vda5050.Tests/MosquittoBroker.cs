using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace StrategicTech.Drivers.Vda5050.Tests;

/// <summary>A Mosquitto broker (Debian package mosquitto) on 127.0.0.1 and a free port, plain MQTT, stopped on dispose.</summary>
internal sealed class MosquittoBroker : IDisposable
{
    private readonly Process _process;
    private readonly string _configPath;

    private MosquittoBroker(Process process, string configPath, int port)
    {
        _process = process;
        _configPath = configPath;
        Port = port;
    }

    public int Port { get; }

    /// <summary>Starts a broker on a free port, or on <paramref name="port"/> (a restart on the port of one stopped before).</summary>
    public static MosquittoBroker Start(int port = 0)
    {
        string binary = File.Exists("/usr/sbin/mosquitto") ? "/usr/sbin/mosquitto" : "mosquitto";
        port = port == 0 ? FreePort() : port;
        string config = Path.Combine(Path.GetTempPath(), $"vda5050-mosquitto-{port}.conf");
        File.WriteAllText(config, string.Create(CultureInfo.InvariantCulture, $"listener {port} 127.0.0.1\nallow_anonymous true\npersistence false\n"));
        var start = new ProcessStartInfo(binary, ["-c", config]) { RedirectStandardOutput = true, RedirectStandardError = true };
        Process process = Process.Start(start) ?? throw new InvalidOperationException("mosquitto did not start");
        var broker = new MosquittoBroker(process, config, port);
        // Wait (generously) until it accepts connections.
        for (int attempt = 0; attempt < 300; attempt++)
        {
            try
            {
                using var probe = new TcpClient();
                probe.Connect(IPAddress.Loopback, port);
                return broker;
            }
            catch (SocketException)
            {
                Thread.Sleep(100);
            }
        }

        broker.Dispose();
        throw new InvalidOperationException($"mosquitto did not listen on {port}");
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            _process.WaitForExit(10_000);
        }

        _process.Dispose();
        File.Delete(_configPath);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
