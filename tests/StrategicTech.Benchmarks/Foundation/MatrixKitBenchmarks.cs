using BenchmarkDotNet.Attributes;
using StrategicTech.Navigation.Numerics;

namespace StrategicTech.Benchmarks.Foundation;

/// <summary>
/// The fixed-size matrix kit at the AMR filter's sizes (7 states, 3 measurements) and one 24x24 product for scale:
/// the operations of one Kalman update, each on inline storage.
/// </summary>
[MemoryDiagnoser]
public class MatrixKitBenchmarks
{
    private Matrix7x7 _p;
    private Matrix7x7 _tmp;
    private Matrix7x7 _factor;
    private Matrix3x7 _h;
    private Matrix3x7 _hp;
    private Matrix3x3 _r;
    private Matrix3x3 _s;
    private Matrix3x3 _l;
    private Matrix7x3 _k;
    private Matrix7x3 _th;
    private Matrix7x3 _kr;
    private Vector4 _b;
    private Vector7 _diagonal;
    private Matrix24x24 _a24;
    private Matrix24x24 _b24;
    private Matrix24x24 _c24;

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(1);
        for (int i = 0; i < 7; i++)
        {
            _p[(i * 7) + i] = 1 + i;
            for (int j = 0; j < i; j++)
            {
                double v = 0.1 * random.NextDouble();
                _p[(i * 7) + j] = v;
                _p[(j * 7) + i] = v;
            }

            _h[(i % 3 * 7) + i] = 1;
            _k[(i * 3) + (i % 3)] = 0.2;
        }

        _r = Matrix3x3.Identity;
        for (int i = 0; i < 24 * 24; i++)
        {
            _a24[i] = random.NextDouble();
            _b24[i] = random.NextDouble();
        }

        MatrixKernel.Multiply(_h.AsReadOnlySpan(), _p.AsReadOnlySpan(), _hp.AsSpan());
    }

    [Benchmark(Description = "H·P (3x7 · 7x7)")]
    public double MultiplyHP()
    {
        MatrixKernel.Multiply(_h.AsReadOnlySpan(), _p.AsReadOnlySpan(), _hp.AsSpan());
        return _hp[0];
    }

    [Benchmark(Description = "S = R + (H·P)·Hᵀ, Cholesky, solve (3x3)")]
    public double InnovationSolve()
    {
        MatrixKernel.Copy(_r.AsReadOnlySpan(), _s.AsSpan());
        MatrixKernel.MultiplyTransposedAdd(_hp.AsReadOnlySpan(), _h.AsReadOnlySpan(), _s.AsSpan());
        Cholesky.Factor(_s.AsReadOnlySpan(), _l.AsSpan());
        _b[0] = 1;
        _b[1] = 2;
        _b[2] = 3;
        Cholesky.Solve(_l.AsReadOnlySpan(), _b.AsSpan()[..3]);
        return _b[0];
    }

    [Benchmark(Description = "Joseph update (7 states, 3 measurements)")]
    public double Joseph()
    {
        MatrixKernel.Copy(_p.AsReadOnlySpan(), _factor.AsSpan());
        CovarianceUpdate.Joseph(_factor.AsSpan(), _k.AsReadOnlySpan(), _h.AsReadOnlySpan(), _hp.AsReadOnlySpan(), _r.AsReadOnlySpan(),
            _tmp.AsSpan(), _th.AsSpan(), _kr.AsSpan());
        return _factor[0];
    }

    [Benchmark(Description = "P − K·H·P short form (7, 3)")]
    public double ShortForm()
    {
        MatrixKernel.Copy(_p.AsReadOnlySpan(), _factor.AsSpan());
        CovarianceUpdate.SubtractGainProduct(_factor.AsSpan(), _k.AsReadOnlySpan(), _hp.AsReadOnlySpan());
        return _factor[0];
    }

    [Benchmark(Description = "SPD inverse 7x7")]
    public double InvertSpd7()
    {
        Cholesky.InvertSpd(_p.AsReadOnlySpan(), _tmp.AsSpan(), _factor.AsSpan());
        return _tmp[0];
    }

    [Benchmark(Description = "LDLᵀ factor 7x7")]
    public double Ldl7()
    {
        Cholesky.FactorLdl(_p.AsReadOnlySpan(), _factor.AsSpan(), _diagonal.AsSpan());
        return _diagonal[6];
    }

    [Benchmark(Description = "multiply 24x24 · 24x24")]
    public double Multiply24()
    {
        MatrixKernel.Multiply(_a24.AsReadOnlySpan(), _b24.AsReadOnlySpan(), _c24.AsSpan());
        return _c24[0];
    }
}
