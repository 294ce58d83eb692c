using BenchmarkDotNet.Running;
using StrategicTech.Benchmarks.Estimation;

namespace StrategicTech.Benchmarks;

/// <summary>
/// Runs the benchmarks chosen with BenchmarkDotNet's own arguments, e.g. <c>--filter '*Geodesy*'</c>;
/// <c>--count-instructions</c> runs the EKF instruction-count driver instead (see count-ekf-instructions.sh).
/// </summary>
public static class Program
{
    public static int Main(string[] args)
    {
        if (args.Length > 0 && args[0] == EkfInstructionCount.Flag)
        {
            return EkfInstructionCount.Run(args);
        }

        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
        return 0;
    }
}
