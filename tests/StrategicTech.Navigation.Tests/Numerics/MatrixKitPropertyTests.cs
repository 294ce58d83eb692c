using FsCheck.Xunit;
using MathNet.Numerics.LinearAlgebra;
using StrategicTech.Navigation.Numerics;

namespace StrategicTech.Navigation.Tests.Numerics;

/// <summary>Algebraic properties of the fixed-size matrix kit on random matrices of the estimators' sizes.</summary>
public class MatrixKitPropertyTests
{
    [Property(Arbitrary = [typeof(MatrixKitGenerators)], MaxTest = 500)]
    public bool Multiply_is_associative(MatrixCase c)
    {
        var random = new Random(c.Seed);
        int k = 1 + (c.Seed % 7);
        double[] a = MatrixCase.Random(random, c.Rows, c.Inner), b = MatrixCase.Random(random, c.Inner, c.Columns);
        double[] d = MatrixCase.Random(random, c.Columns, k);
        double[] ab = new double[c.Rows * c.Columns], bd = new double[c.Inner * k];
        double[] left = new double[c.Rows * k], right = new double[c.Rows * k];
        MatrixKernel.Multiply(View(a, c.Rows, c.Inner), View(b, c.Inner, c.Columns), new MatrixSpan(ab, c.Rows, c.Columns));
        MatrixKernel.Multiply(View(ab, c.Rows, c.Columns), View(d, c.Columns, k), new MatrixSpan(left, c.Rows, k));
        MatrixKernel.Multiply(View(b, c.Inner, c.Columns), View(d, c.Columns, k), new MatrixSpan(bd, c.Inner, k));
        MatrixKernel.Multiply(View(a, c.Rows, c.Inner), View(bd, c.Inner, k), new MatrixSpan(right, c.Rows, k));

        // Entries ≤ 10 and inner sizes ≤ 24: |terms| ≤ 24·7·1000, so rounding stays far below 1e-8.
        return MaxAbsDifference(left, right) <= 1e-8;
    }

    /// <summary>(A·B)ᵀ = Bᵀ·Aᵀ holds bit for bit: the same products are summed in the same order.</summary>
    [Property(Arbitrary = [typeof(MatrixKitGenerators)], MaxTest = 500)]
    public bool Transpose_of_a_product_is_the_reversed_product_of_transposes(MatrixCase c)
    {
        var random = new Random(c.Seed);
        double[] a = MatrixCase.Random(random, c.Rows, c.Inner), b = MatrixCase.Random(random, c.Inner, c.Columns);
        double[] ab = new double[c.Rows * c.Columns], abT = new double[c.Columns * c.Rows];
        double[] aT = new double[c.Inner * c.Rows], bT = new double[c.Columns * c.Inner], bTaT = new double[c.Columns * c.Rows];
        MatrixKernel.Multiply(View(a, c.Rows, c.Inner), View(b, c.Inner, c.Columns), new MatrixSpan(ab, c.Rows, c.Columns));
        MatrixKernel.Transpose(View(ab, c.Rows, c.Columns), new MatrixSpan(abT, c.Columns, c.Rows));
        MatrixKernel.Transpose(View(a, c.Rows, c.Inner), new MatrixSpan(aT, c.Inner, c.Rows));
        MatrixKernel.Transpose(View(b, c.Inner, c.Columns), new MatrixSpan(bT, c.Columns, c.Inner));
        MatrixKernel.Multiply(View(bT, c.Columns, c.Inner), View(aT, c.Inner, c.Rows), new MatrixSpan(bTaT, c.Columns, c.Rows));
        return abT.AsSpan().SequenceEqual(bTaT);
    }

    [Property(Arbitrary = [typeof(MatrixKitGenerators)], MaxTest = 300)]
    public bool Products_agree_with_MathNet(MatrixCase c)
    {
        var random = new Random(c.Seed);
        double[] a = MatrixCase.Random(random, c.Rows, c.Inner), b = MatrixCase.Random(random, c.Columns, c.Inner);
        double[] abT = new double[c.Rows * c.Columns], aTa = new double[c.Inner * c.Inner];
        MatrixKernel.MultiplyTransposed(View(a, c.Rows, c.Inner), View(b, c.Columns, c.Inner), new MatrixSpan(abT, c.Rows, c.Columns));
        MatrixKernel.TransposeMultiply(View(a, c.Rows, c.Inner), View(a, c.Rows, c.Inner), new MatrixSpan(aTa, c.Inner, c.Inner));
        Matrix<double> ma = Dense(a, c.Rows, c.Inner), mb = Dense(b, c.Columns, c.Inner);
        return MaxAbsDifference(abT, (ma * mb.Transpose()).ToRowMajorArray()) <= 1e-10
            && MaxAbsDifference(aTa, (ma.Transpose() * ma).ToRowMajorArray()) <= 1e-10;
    }

    /// <summary>A·A⁻¹ = I for random SPD matrices of every size the filters use (1..7 and 24).</summary>
    [Property(Arbitrary = [typeof(MatrixKitGenerators)], MaxTest = 500)]
    public bool Spd_inverse_times_the_matrix_is_the_identity(MatrixCase c)
    {
        int n = c.Columns;
        double[] a = MatrixCase.RandomSpd(new Random(c.Seed), n);
        double[] inverse = new double[n * n], factor = new double[n * n], product = new double[n * n], identity = new double[n * n];
        if (!Cholesky.InvertSpd(View(a, n, n), new MatrixSpan(inverse, n, n), new MatrixSpan(factor, n, n)))
        {
            return false;
        }

        MatrixKernel.Multiply(View(a, n, n), View(inverse, n, n), new MatrixSpan(product, n, n));
        MatrixKernel.SetIdentity(new MatrixSpan(identity, n, n));
        return MaxAbsDifference(product, identity) <= 1e-12 * n && MatrixKernel.Asymmetry(View(inverse, n, n)) == 0;
    }

    /// <summary>Cholesky (L·Lᵀ) and L·D·Lᵀ solves leave a residual |A·x − b| at rounding level.</summary>
    [Property(Arbitrary = [typeof(MatrixKitGenerators)], MaxTest = 500)]
    public bool Cholesky_and_ldl_solves_have_rounding_level_residuals(MatrixCase c)
    {
        int n = c.Columns;
        var random = new Random(c.Seed);
        double[] a = MatrixCase.RandomSpd(random, n);
        double[] b = MatrixCase.Random(random, n, 1);
        double[] l = new double[n * n], d = new double[n], x = (double[])b.Clone(), y = (double[])b.Clone(), ax = new double[n];
        if (!Cholesky.Factor(View(a, n, n), new MatrixSpan(l, n, n)))
        {
            return false;
        }

        Cholesky.Solve(View(l, n, n), x);
        MatrixKernel.Multiply(View(a, n, n), x, ax);
        double residual = MaxAbsDifference(ax, b);
        if (!Cholesky.FactorLdl(View(a, n, n), new MatrixSpan(l, n, n), d))
        {
            return false;
        }

        Cholesky.SolveLdl(View(l, n, n), d, y);
        MatrixKernel.Multiply(View(a, n, n), y, ax);
        double residualLdl = MaxAbsDifference(ax, b);
        double scale = 10 * a.Max(Math.Abs) * Math.Max(x.Max(Math.Abs), y.Max(Math.Abs));
        return residual <= 1e-13 * scale && residualLdl <= 1e-13 * scale;
    }

    /// <summary>
    /// The Joseph form keeps P exactly symmetric and positive semi-definite for any gain, optimal or not; with the
    /// optimal gain it equals the short form P − K·H·P.
    /// </summary>
    [Property(Arbitrary = [typeof(MatrixKitGenerators)], MaxTest = 500)]
    public bool Joseph_update_stays_symmetric_positive_semidefinite(MatrixCase c)
    {
        int n = c.Rows, m = Math.Min(c.Inner, 3);
        var random = new Random(c.Seed);
        double[] p = MatrixCase.RandomSpd(random, n), r = MatrixCase.RandomSpd(random, m);
        double[] h = MatrixCase.Random(random, m, n, 1);
        double[] hp = new double[m * n], s = new double[m * m], l = new double[m * m], k = new double[n * m];
        MatrixKernel.Multiply(View(h, m, n), View(p, n, n), new MatrixSpan(hp, m, n));
        Array.Copy(r, s, r.Length);
        MatrixKernel.MultiplyTransposedAdd(View(hp, m, n), View(h, m, n), new MatrixSpan(s, m, m));
        Assert.True(Cholesky.Factor(View(s, m, m), new MatrixSpan(l, m, m)));
        double[] column = new double[m];
        for (int t = 0; t < n; t++)
        {
            for (int i = 0; i < m; i++)
            {
                column[i] = hp[(i * n) + t];
            }

            Cholesky.Solve(View(l, m, m), column);
            for (int i = 0; i < m; i++)
            {
                k[(t * m) + i] = column[i];
            }
        }

        double[] joseph = (double[])p.Clone(), shortForm = (double[])p.Clone();
        double[] t1 = new double[n * n], th = new double[n * m], kr = new double[n * m];
        CovarianceUpdate.Joseph(new MatrixSpan(joseph, n, n), View(k, n, m), View(h, m, n), View(hp, m, n), View(r, m, m),
            new MatrixSpan(t1, n, n), new MatrixSpan(th, n, m), new MatrixSpan(kr, n, m));
        CovarianceUpdate.SubtractGainProduct(new MatrixSpan(shortForm, n, n), View(k, n, m), View(hp, m, n));
        double pScale = p.Max(Math.Abs);
        bool optimalAgrees = MaxAbsDifference(joseph, shortForm) <= 1e-10 * pScale;

        // A deliberately wrong gain (scaled and perturbed): still symmetric PSD.
        double[] wrongK = k.Select(v => (v * 1.7) + ((random.NextDouble() - 0.5) * 0.3)).ToArray();
        double[] wrongHp = (double[])hp.Clone();
        double[] josephWrong = (double[])p.Clone();
        CovarianceUpdate.Joseph(new MatrixSpan(josephWrong, n, n), View(wrongK, n, m), View(h, m, n), View(wrongHp, m, n), View(r, m, m),
            new MatrixSpan(t1, n, n), new MatrixSpan(th, n, m), new MatrixSpan(kr, n, m));
        return optimalAgrees && IsSymmetricPsd(joseph, n) && IsSymmetricPsd(josephWrong, n);
    }

    private static bool IsSymmetricPsd(double[] a, int n)
    {
        if (MatrixKernel.Asymmetry(View(a, n, n)) != 0)
        {
            return false;
        }

        double minEigen = Dense(a, n, n).Evd(Symmetricity.Symmetric).EigenValues.Min(e => e.Real);
        return minEigen >= -1e-12 * a.Max(Math.Abs);
    }

    private static ReadOnlyMatrixSpan View(double[] data, int rows, int columns) => new(data, rows, columns);

    private static Matrix<double> Dense(double[] data, int rows, int columns) =>
        Matrix<double>.Build.Dense(rows, columns, (i, j) => data[(i * columns) + j]);

    private static double MaxAbsDifference(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        Assert.Equal(a.Length, b.Length);
        double worst = 0;
        for (int i = 0; i < a.Length; i++)
        {
            worst = Math.Max(worst, Math.Abs(a[i] - b[i]));
        }

        return worst;
    }
}
