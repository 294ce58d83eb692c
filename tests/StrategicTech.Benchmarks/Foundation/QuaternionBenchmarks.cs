using BenchmarkDotNet.Attributes;
using StrategicTech.Navigation.Numerics;

namespace StrategicTech.Benchmarks.Foundation;

/// <summary>The quaternion operations of an attitude loop.</summary>
[MemoryDiagnoser]
public class QuaternionBenchmarks
{
    private readonly Quaternion _a = Quaternion.FromEuler(0.1, -0.2, 1.3);
    private readonly Quaternion _b = Quaternion.FromEuler(-0.05, 0.3, -2.0);
    private readonly Vector3 _v = new(1.5, -2, 0.25);
    private readonly Vector3 _deltaAngle = new(1e-3, -2e-3, 5e-4);

    [Benchmark]
    public Quaternion Multiply() => _a * _b;

    [Benchmark]
    public Vector3 Rotate() => _a.Rotate(_v);

    [Benchmark]
    public Quaternion Normalize() => (_a * 1.0001).Normalized();

    [Benchmark]
    public Quaternion ExpMap() => Quaternion.FromRotationVector(_deltaAngle);

    [Benchmark]
    public Vector3 LogMap() => _a.ToRotationVector();

    [Benchmark]
    public Vector3 ToEuler() => _a.ToEuler();

    [Benchmark]
    public Matrix3 ToRotationMatrix() => _a.ToRotationMatrix();
}
