using BenchmarkDotNet.Running;

namespace StrategicTech.Benchmarks;

/// <summary>Runs the benchmarks chosen with BenchmarkDotNet's own arguments, e.g. <c>--filter '*Geodesy*'</c>.</summary>
public static class Program
{
    public static void Main(string[] args) => BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
}
