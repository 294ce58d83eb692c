using System.Runtime.InteropServices;
using StrategicTech.Navigation.Time;

namespace StrategicTech.Sim.Cli.Commands;

/// <summary>
/// CPU time consumed by this process (all threads: solver, JIT, GC), in microseconds, from
/// <c>clock_gettime(CLOCK_PROCESS_CPUTIME_ID)</c> on Linux. A time budget on this clock means "this much work on
/// one core" whatever else the machine runs; elsewhere it falls back to <see cref="Diagnostics.Process"/> time.
/// </summary>
public sealed partial class ProcessCpuClock : IClock
{
    private const int ClockProcessCpuTimeId = 2;

    public long TimeUs
    {
        get
        {
            if (OperatingSystem.IsLinux() && ClockGetTime(ClockProcessCpuTimeId, out TimeSpec ts) == 0)
            {
                return (ts.Seconds * 1_000_000) + (ts.Nanoseconds / 1000);
            }

            return (long)System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime.TotalMicroseconds;
        }
    }

    [LibraryImport("libc", EntryPoint = "clock_gettime")]
    private static partial int ClockGetTime(int clockId, out TimeSpec time);

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }
}
