using FsCheck;
using FsCheck.Fluent;
using StrategicTech.Navigation.Numerics;

namespace StrategicTech.Navigation.Tests.Numerics;

/// <summary>A seed and dimensions up to the estimator sizes (7 states, 3 measurements, 24 for the UAV layout).</summary>
public readonly record struct MatrixCase(int Seed, int Rows, int Inner, int Columns)
{
    /// <summary>Fills a rows x columns dense matrix with entries uniform in [−scale, scale].</summary>
    public static double[] Random(Random random, int rows, int columns, double scale = 10)
    {
        double[] m = new double[rows * columns];
        for (int i = 0; i < m.Length; i++)
        {
            m[i] = ((2 * random.NextDouble()) - 1) * scale;
        }

        return m;
    }

    /// <summary>A well-conditioned SPD matrix M·Mᵀ + n·I (n x n) with M entries in [−1, 1], scaled by a random decade.</summary>
    public static double[] RandomSpd(Random random, int n)
    {
        double[] m = Random(random, n, n, 1);
        double[] a = new double[n * n];
        MatrixKernel.MultiplyTransposed(new ReadOnlyMatrixSpan(m, n, n), new ReadOnlyMatrixSpan(m, n, n), new MatrixSpan(a, n, n));
        double scale = Math.Pow(10, random.Next(-4, 5));
        for (int i = 0; i < n; i++)
        {
            a[(i * n) + i] += n;
        }

        for (int i = 0; i < a.Length; i++)
        {
            a[i] *= scale;
        }

        return a;
    }
}

public static class MatrixKitGenerators
{
    public static Arbitrary<MatrixCase> Cases() =>
        (from seed in Gen.Choose(0, int.MaxValue)
         from rows in Gen.Choose(1, 7)
         from inner in Gen.Choose(1, 7)
         from columns in Gen.Frequency((5, Gen.Choose(1, 7)), (1, Gen.Constant(24)))
         select new MatrixCase(seed, rows, inner, columns)).ToArbitrary();
}
