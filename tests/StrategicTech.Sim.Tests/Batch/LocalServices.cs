using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace StrategicTech.Sim.Tests.Batch;

/// <summary>Helpers for the services the batch tests start on 127.0.0.1: free ports, waiting for a listener, running a tool.</summary>
internal static class LocalServices
{
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Waits (generously) until something accepts TCP connections on the port.</summary>
    public static bool WaitForListener(int port, Process? process, int timeoutS = 60)
    {
        var deadline = DateTime.UtcNow.AddSeconds(timeoutS);
        while (DateTime.UtcNow < deadline && process?.HasExited != true)
        {
            try
            {
                using var probe = new TcpClient();
                probe.Connect(IPAddress.Loopback, port);
                return true;
            }
            catch (SocketException)
            {
                Thread.Sleep(100);
            }
        }

        return false;
    }

    /// <summary>Runs a command to its end; throws with its output when it fails.</summary>
    public static void Run(string file, params string[] args)
    {
        var start = new ProcessStartInfo(file, args) { RedirectStandardOutput = true, RedirectStandardError = true };
        using Process p = Process.Start(start) ?? throw new InvalidOperationException(file + " did not start");
        Task<string> stdout = p.StandardOutput.ReadToEndAsync();
        Task<string> stderr = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(TimeSpan.FromSeconds(120)))
        {
            p.Kill(entireProcessTree: true);
            throw new InvalidOperationException(file + " did not finish within 120 s");
        }

        if (p.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {string.Join(' ', args)} exited {p.ExitCode}: {stdout.Result}\n{stderr.Result}");
        }
    }
}
