using BenchmarkDotNet.Attributes;
using StrategicTech.Navigation.Estimation.Amr;

namespace StrategicTech.Benchmarks.Amr;

/// <summary>
/// AMR EKF costs per operation (7 states with wheel scale). Each invocation restarts the filter and runs 100
/// operations on a realistic time line, so the covariance stays in its working range (endless repetition drives it
/// to overflow or denormals, which is not what a robot sees). Fusion figures include the prediction to the sample
/// time; subtract <see cref="Predict10ms"/> for the update alone.
/// </summary>
[MemoryDiagnoser]
public class AmrEkfBenchmarks
{
    private const int Ops = 100;
    private readonly AmrEkf _ekf = new();

    [Benchmark(OperationsPerInvoke = Ops)]
    public double Predict10ms()
    {
        long t = Start();
        for (int i = 0; i < Ops; i++)
        {
            _ekf.PredictTo(t += 10_000);
        }

        return _ekf.State.XM;
    }

    [Benchmark(OperationsPerInvoke = Ops)]
    public double GyroFuse10ms()
    {
        long t = Start();
        for (int i = 0; i < Ops; i++)
        {
            _ekf.FuseGyro(new AmrGyroSample(t += 10_000, 0.11));
        }

        return _ekf.State.XM;
    }

    [Benchmark(OperationsPerInvoke = Ops)]
    public double WheelSpeedsFuse10ms()
    {
        long t = Start();
        for (int i = 0; i < Ops; i++)
        {
            _ekf.FuseWheelSpeeds(new AmrWheelSpeedsSample(t += 10_000, 0.97, 1.03));
        }

        return _ekf.State.XM;
    }

    [Benchmark(OperationsPerInvoke = Ops)]
    public double PoseFixFuse10ms()
    {
        long t = Start();
        for (int i = 0; i < Ops; i++)
        {
            AmrState s = _ekf.State;
            _ekf.FusePoseFix(new AmrPoseFixSample(t += 10_000, s.XM + 0.01, s.YM - 0.01, s.YawRad, 0.0025, 0.0025, 4e-4));
        }

        return _ekf.State.XM;
    }

    /// <summary>One second of a warehouse robot's sensors: 100 gyro, 50 wheel-speed samples and one pose fix.</summary>
    [Benchmark]
    public double OneSecondOfSensors()
    {
        long t = Start();
        for (int i = 1; i <= 100; i++)
        {
            _ekf.FuseGyro(new AmrGyroSample(t + (i * 10_000L), 0.11));
            if (i % 2 == 0)
            {
                _ekf.FuseWheelSpeeds(new AmrWheelSpeedsSample(t + (i * 10_000L) + 1, 0.97, 1.03));
            }
        }

        AmrState s = _ekf.State;
        _ekf.FusePoseFix(new AmrPoseFixSample(t + 1_000_002, s.XM, s.YM, s.YawRad, 0.0025, 0.0025, 4e-4));
        return _ekf.State.XM;
    }

    private long Start()
    {
        _ekf.Initialize(1_000_000, new AmrState(0, 0, 0.3, 1.0, 0.1, 0.01, 1.0));
        return 1_000_000;
    }
}
