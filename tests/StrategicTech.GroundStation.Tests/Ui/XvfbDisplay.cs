using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;

namespace StrategicTech.GroundStation.Tests.Ui;

/// <summary>
/// A private X server (Xvfb, installed by test.sh) on a free display number, started and stopped by the test; the
/// process environment's DISPLAY is pointed at it (through libc, because SDL reads the native environment).
/// </summary>
internal sealed partial class XvfbDisplay : IDisposable
{
    private readonly Process _process;

    private XvfbDisplay(Process process, int number)
    {
        _process = process;
        Number = number;
    }

    public int Number { get; }

    public string Name => ":" + Number.ToString(CultureInfo.InvariantCulture);

    // X11 keeps display locks and sockets in the system's tmp directory whatever TMPDIR says.
    private static readonly string XTempDir = Path.Combine(Path.DirectorySeparatorChar.ToString(), "tmp");
    private static readonly string XSocketDir = Path.Combine(XTempDir, ".X11-unix");

    public static XvfbDisplay Start()
    {
        for (int n = 91; n < 200; n++)
        {
            if (File.Exists(Path.Combine(XTempDir, $".X{n}-lock")) || File.Exists(Path.Combine(XSocketDir, $"X{n}")))
            {
                continue;
            }

            var start = new ProcessStartInfo("Xvfb", [":" + n.ToString(CultureInfo.InvariantCulture), "-screen", "0", "1280x800x24", "-nolisten", "tcp"])
            {
                RedirectStandardError = true,
                RedirectStandardOutput = true,
            };
            Process process;
            try
            {
                process = Process.Start(start)!;
            }
            catch (System.ComponentModel.Win32Exception ex)
            {
                throw new InvalidOperationException("Xvfb is not installed (Debian package xvfb; test.sh installs it)", ex);
            }

            _ = process.StandardError.ReadToEndAsync();
            _ = process.StandardOutput.ReadToEndAsync();
            var wait = Stopwatch.StartNew();
            while (!process.HasExited && !File.Exists(Path.Combine(XSocketDir, $"X{n}")) && wait.Elapsed < TimeSpan.FromSeconds(30))
            {
                Thread.Sleep(50);
            }

            if (process.HasExited)
            {
                process.Dispose();
                continue; // lost a race for this display number
            }

            if (SetEnv("DISPLAY", ":" + n.ToString(CultureInfo.InvariantCulture), 1) != 0)
            {
                throw new InvalidOperationException("setenv(DISPLAY) failed");
            }

            return new XvfbDisplay(process, n);
        }

        throw new InvalidOperationException("no free X display number from :91 to :199");
    }

    public void Dispose()
    {
        // SIGTERM lets Xvfb remove its lock and socket files; SIGKILL only if it does not go.
        if (!_process.HasExited && (Kill(_process.Id, 15) != 0 || !_process.WaitForExit(10_000)))
        {
            _process.Kill();
            _process.WaitForExit(5000);
        }

        _process.Dispose();
    }

    [LibraryImport("libc", EntryPoint = "kill")]
    private static partial int Kill(int pid, int signal);

    [LibraryImport("libc", EntryPoint = "setenv", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int SetEnv(string name, string value, int overwrite);
}
