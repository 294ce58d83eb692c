using StrategicTech.Navigation.Numerics;
using StrategicTech.TestSupport;

namespace StrategicTech.Navigation.Tests.Numerics;

/// <summary>Fixed-size storage, views, shape errors and zero allocation of the kernel operations.</summary>
public class MatrixKitTests
{
    private Matrix7x7 _p = Matrix7x7.Identity;
    private Matrix7x7 _tmp;
    private Matrix7x7 _factor;
    private Matrix3x7 _h;
    private Matrix3x7 _hp;
    private Matrix3x3 _r = Matrix3x3.Identity;
    private Matrix3x3 _s;
    private Matrix3x3 _l;
    private Matrix7x3 _k;
    private Matrix7x3 _th;
    private Matrix7x3 _kr;
    private Vector7 _x;
    private Vector7 _y;

    [Fact]
    public void Fixed_types_hold_their_elements_inline_row_major()
    {
        Assert.Equal(7 * 7 * sizeof(double), System.Runtime.CompilerServices.Unsafe.SizeOf<Matrix7x7>());
        Assert.Equal(24 * 24 * sizeof(double), System.Runtime.CompilerServices.Unsafe.SizeOf<Matrix24x24>());
        Assert.Equal(24 * sizeof(double), System.Runtime.CompilerServices.Unsafe.SizeOf<Vector24>());
        Matrix3x7 m = default;
        MatrixSpan view = m.AsSpan();
        view[2, 5] = 4.5;
        Assert.Equal(4.5, m[(2 * 7) + 5]);
        MatrixSpan block = m.Block(2, 3);
        Assert.Equal(7, block.Stride);
        block[1, 2] = -1;
        Assert.Equal(-1, m[7 + 2]);
        Assert.Equal(1.0, Matrix7x7.Identity[8 * 3]);
        Assert.Equal(0.0, Matrix7x7.Identity[1]);
    }

    [Fact]
    public void Leading_block_of_a_strided_matrix_multiplies_like_a_dense_one()
    {
        Matrix7x7 a = default, b = default, c = default;
        double[] denseA = [1, 2, 3, 4], denseB = [5, 6, 7, 8];
        for (int i = 0; i < 2; i++)
        {
            for (int j = 0; j < 2; j++)
            {
                a[(i * 7) + j] = denseA[(i * 2) + j];
                b[(i * 7) + j] = denseB[(i * 2) + j];
            }
        }

        a[6] = 99; // outside the block: must not leak in
        MatrixKernel.Multiply(a.ReadOnlyBlock(2, 2), b.ReadOnlyBlock(2, 2), c.Block(2, 2));
        Assert.Equal([19.0, 22.0], [c[0], c[1]]);
        Assert.Equal([43.0, 50.0], [c[7], c[8]]);
        Assert.Equal(0.0, c[2]);
    }

    [Fact]
    public void Mismatched_dimensions_are_refused_naming_the_operand()
    {
        double[] a = new double[6], b = new double[6], c = new double[4];
        var ex = Assert.Throws<ArgumentException>(() =>
            MatrixKernel.Multiply(new ReadOnlyMatrixSpan(a, 2, 3), new ReadOnlyMatrixSpan(b, 2, 3), new MatrixSpan(c, 2, 2)));
        Assert.Equal("b", ex.ParamName);
        Assert.Contains("2x3, expected 3x3", ex.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => new MatrixSpan(c, 3, 2));
        Assert.Throws<ArgumentOutOfRangeException>(() => new MatrixSpan(c, 2, 2)[2, 0]);
    }

    [Fact]
    public void Non_positive_definite_matrices_are_refused_by_the_factorisations()
    {
        double[] notSpd = [1, 2, 2, 1], withNaN = [1, 0, 0, double.NaN], l = new double[4], d = new double[2];
        Assert.False(Cholesky.Factor(new ReadOnlyMatrixSpan(notSpd, 2, 2), new MatrixSpan(l, 2, 2)));
        Assert.False(Cholesky.FactorLdl(new ReadOnlyMatrixSpan(notSpd, 2, 2), new MatrixSpan(l, 2, 2), d));
        Assert.False(Cholesky.Factor(new ReadOnlyMatrixSpan(withNaN, 2, 2), new MatrixSpan(l, 2, 2)));
        Assert.False(Cholesky.InvertSpd(new ReadOnlyMatrixSpan(notSpd, 2, 2), new MatrixSpan(new double[4], 2, 2), new MatrixSpan(l, 2, 2)));
    }

    [Fact]
    public void Ldl_factors_a_known_matrix()
    {
        // [4 2; 2 3] = [1 0; 0.5 1] diag(4, 2) [1 0.5; 0 1].
        double[] a = [4, 2, 2, 3], l = new double[4], d = new double[2];
        Assert.True(Cholesky.FactorLdl(new ReadOnlyMatrixSpan(a, 2, 2), new MatrixSpan(l, 2, 2), d));
        Assert.Equal([1.0, 0.0, 0.5, 1.0], l);
        Assert.Equal([4.0, 2.0], d);
    }

    [Fact]
    public void Kernel_operations_allocate_nothing()
    {
        for (int i = 0; i < 7; i++)
        {
            _p[(i * 7) + i] = 2 + i;
            _h[(i % 3 * 7) + i] = 1;
            _x[i] = i;
            _k[(i * 3) + (i % 3)] = 0.1;
        }

        Allocations.AssertZero(() => MatrixKernel.Multiply(_h.ReadOnlyBlock(3, 7), _p.AsReadOnlySpan(), _hp.AsSpan()));
        Allocations.AssertZero(() => MatrixKernel.MultiplyTransposedAdd(_hp.AsReadOnlySpan(), _h.AsReadOnlySpan(), _s.AsSpan()));
        Allocations.AssertZero(() => MatrixKernel.TransposeMultiply(_h.AsReadOnlySpan(), _hp.AsReadOnlySpan(), _tmp.AsSpan()));
        Allocations.AssertZero(() => MatrixKernel.Multiply(_p.AsReadOnlySpan(), _x.AsReadOnlySpan(), _y.AsSpan()));
        Allocations.AssertZero(() => MatrixKernel.AddScaled(_p.AsReadOnlySpan(), 0.5, _tmp.AsReadOnlySpan(), _tmp.AsSpan()));
        Allocations.AssertZero(() => MatrixKernel.Symmetrize(_tmp.AsSpan()));
        Allocations.AssertZero(() =>
        {
            MatrixKernel.Copy(_r.AsReadOnlySpan(), _s.AsSpan());
            MatrixKernel.MultiplyTransposedAdd(_hp.AsReadOnlySpan(), _h.AsReadOnlySpan(), _s.AsSpan());
            Assert.True(Cholesky.Factor(_s.AsReadOnlySpan(), _l.AsSpan()));
            Cholesky.Solve(_l.AsReadOnlySpan(), _y.AsSpan()[..3]);
        });
        Allocations.AssertZero(() => Assert.True(Cholesky.InvertSpd(_p.AsReadOnlySpan(), _tmp.AsSpan(), _factor.AsSpan())));
        Allocations.AssertZero(() => Assert.True(Cholesky.FactorLdl(_p.AsReadOnlySpan(), _tmp.AsSpan(), _y.AsSpan())));
        Allocations.AssertZero(() =>
            CovarianceUpdate.Joseph(_p.AsSpan(), _k.AsReadOnlySpan(), _h.AsReadOnlySpan(), _hp.AsReadOnlySpan(), _r.AsReadOnlySpan(), _tmp.AsSpan(), _th.AsSpan(), _kr.AsSpan()));
        Allocations.AssertZero(() => CovarianceUpdate.SubtractGainProduct(_p.AsSpan(), _k.AsReadOnlySpan(), _hp.AsReadOnlySpan()));
    }
}
