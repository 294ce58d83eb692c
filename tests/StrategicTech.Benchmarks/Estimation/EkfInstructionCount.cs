using System.Globalization;
using System.Runtime.CompilerServices;
using StrategicTech.Navigation.Estimation.Uav;

namespace StrategicTech.Benchmarks.Estimation;

/// <summary>
/// Driver for counting the instructions of the UAV EKF's IMU step without BenchmarkDotNet (a count does not depend on
/// the machine's load, a time does). It builds the filter of one "IMU step, full run" row of
/// <see cref="UavEkfBenchmarks"/> (same <see cref="HoverSchedule"/>, same three warm-up laps), runs
/// <c>laps</c> more laps of 2 500 IMU steps and prints a hash of the filter's final state and covariance, so that two
/// builds can be compared for bit-identical results. Run under <c>valgrind --tool=callgrind</c> twice with different
/// lap counts: the difference of the two totals divided by the difference in steps is the cost of one step with
/// start-up and JIT cancelled (count-ekf-instructions.sh does this).
/// </summary>
internal static class EkfInstructionCount
{
    public const string Flag = "--count-instructions";

    /// <summary>Arguments: <c>--count-instructions &lt;row&gt; &lt;laps&gt;</c>; row is gsf, nogsf, heading or mag3.</summary>
    public static int Run(string[] args)
    {
        if (args.Length != 3 || !int.TryParse(args[2], NumberStyles.None, CultureInfo.InvariantCulture, out int laps))
        {
            Console.Error.WriteLine($"usage: {Flag} gsf|nogsf|heading|mag3 <laps>");
            return 2;
        }

        (UavEkfParameters parameters, bool inAir) = args[1] switch
        {
            "gsf" => (new UavEkfParameters(), true),
            "nogsf" => (new UavEkfParameters { UseEmergencyYawEstimator = false }, true),
            "heading" => (new UavEkfParameters(), false),
            "mag3" => (new UavEkfParameters { MagFusion = MagFusionMode.ThreeAxis }, false),
            _ => (null!, false),
        };
        if (parameters is null)
        {
            Console.Error.WriteLine($"unknown row '{args[1]}': gsf, nogsf, heading or mag3");
            return 2;
        }

        var schedule = new HoverSchedule(seed: 3);
        var filter = new UavEkf(parameters);
        filter.SetInAir(inAir);
        const int warmLaps = 3; // as UavEkfBenchmarks.Warm
        RunLaps(schedule, filter, 0, warmLaps);
        int maxSubnormal = 0;
        for (int lap = warmLaps; lap < warmLaps + laps; lap++)
        {
            RunLaps(schedule, filter, lap, 1);
            maxSubnormal = Math.Max(maxSubnormal, Subnormals(filter.Core.Covariance));
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"row {args[1]} laps {laps} steps {(long)laps * HoverSchedule.Steps} predicted {filter.PredictedImuCount} subnormal-P-max {maxSubnormal} state-hash {StateHash(filter):x16}"));
        return 0;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void RunLaps(HoverSchedule schedule, UavEkf filter, int firstLap, int laps)
    {
        for (int lap = firstLap; lap < firstLap + laps; lap++)
        {
            for (int i = 0; i < HoverSchedule.Steps; i++)
            {
                schedule.Feed(filter, lap, i);
            }
        }
    }

    /// <summary>
    /// Subnormal entries of P: a count does not see their cost (x86 takes a micro-code assist per operation on them),
    /// so a time that grows while the count stays would show here. Checked after each lap (a few instructions per step).
    /// </summary>
    private static int Subnormals(ReadOnlySpan<double> values)
    {
        int n = 0;
        foreach (double v in values)
        {
            n += double.IsSubnormal(v) ? 1 : 0;
        }

        return n;
    }

    /// <summary>FNV-1a over the bits of the delayed state, the output predictor's state, the covariance and the emergency yaw.</summary>
    private static ulong StateHash(UavEkf filter)
    {
        Span<double> values = stackalloc double[24];
        ulong hash = 14695981039346656037UL;
        filter.DelayedState.CopyTo(values);
        foreach (double v in values)
        {
            hash = Mix(hash, v);
        }

        filter.State.CopyTo(values);
        foreach (double v in values)
        {
            hash = Mix(hash, v);
        }

        foreach (double v in filter.Core.Covariance)
        {
            hash = Mix(hash, v);
        }

        hash = Mix(hash, filter.EmergencyYaw.YawRad);
        return Mix(hash, filter.EmergencyYaw.YawVarianceRad2);
    }

    private static ulong Mix(ulong hash, double value)
    {
        ulong bits = (ulong)BitConverter.DoubleToInt64Bits(value);
        for (int b = 0; b < 8; b++)
        {
            hash = (hash ^ ((bits >> (8 * b)) & 0xff)) * 1099511628211UL;
        }

        return hash;
    }
}
