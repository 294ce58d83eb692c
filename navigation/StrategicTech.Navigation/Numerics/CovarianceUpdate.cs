namespace StrategicTech.Navigation.Numerics;

/// <summary>
/// Kalman covariance updates on row-major views, for n states and m measurements: P (n x n), gain K (n x m),
/// observation H (m x n), HP = H·P (m x n, already computed for the gain) and measurement noise R (m x m).
/// Both leave P exactly symmetric.
/// </summary>
public static class CovarianceUpdate
{
    /// <summary>Short form P = P − K·(H·P), then symmetrised. Cheapest; only right with the optimal gain.</summary>
    public static void SubtractGainProduct(MatrixSpan p, ReadOnlyMatrixSpan k, ReadOnlyMatrixSpan hp)
    {
        int n = p.Rows, m = k.Columns;
        MatrixShape.Require(nameof(p), p.Rows, p.Columns, n, n);
        MatrixShape.Require(nameof(k), k.Rows, k.Columns, n, m);
        MatrixShape.Require(nameof(hp), hp.Rows, hp.Columns, m, n);
        ReadOnlySpan<double> kd = k.Data, hpd = hp.Data;
        Span<double> pd = p.Data;
        int sk = k.Stride, shp = hp.Stride, sp = p.Stride;
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                double khp = 0;
                for (int u = 0; u < m; u++)
                {
                    khp += kd[(i * sk) + u] * hpd[(u * shp) + j];
                }

                pd[(i * sp) + j] -= khp;
            }
        }

        MatrixKernel.Symmetrize(p);
    }

    /// <summary>
    /// Joseph form P = (I − K·H)·P·(I − K·H)ᵀ + K·R·Kᵀ, which stays symmetric positive semi-definite for any gain.
    /// Multiplied out in factored order at O(n²m) instead of O(n³): T = P − K·(H·P) is (I − K·H)·P, and
    /// T·(I − K·H)ᵀ + K·R·Kᵀ = T + (K·R − T·Hᵀ)·Kᵀ. Scratch: <paramref name="t"/> n x n, <paramref name="th"/> and
    /// <paramref name="kr"/> n x m.
    /// </summary>
    public static void Joseph(MatrixSpan p, ReadOnlyMatrixSpan k, ReadOnlyMatrixSpan h, ReadOnlyMatrixSpan hp, ReadOnlyMatrixSpan r,
        MatrixSpan t, MatrixSpan th, MatrixSpan kr)
    {
        int n = p.Rows, m = k.Columns;
        MatrixShape.Require(nameof(p), p.Rows, p.Columns, n, n);
        MatrixShape.Require(nameof(k), k.Rows, k.Columns, n, m);
        MatrixShape.Require(nameof(h), h.Rows, h.Columns, m, n);
        MatrixShape.Require(nameof(hp), hp.Rows, hp.Columns, m, n);
        MatrixShape.Require(nameof(r), r.Rows, r.Columns, m, m);
        MatrixShape.Require(nameof(t), t.Rows, t.Columns, n, n);
        MatrixShape.Require(nameof(th), th.Rows, th.Columns, n, m);
        MatrixShape.Require(nameof(kr), kr.Rows, kr.Columns, n, m);
        ReadOnlySpan<double> kd = k.Data, hd = h.Data, hpd = hp.Data, rd = r.Data;
        Span<double> pd = p.Data, td = t.Data, thd = th.Data, krd = kr.Data;
        int sk = k.Stride, sh = h.Stride, shp = hp.Stride, sr = r.Stride, sp = p.Stride, st = t.Stride, sth = th.Stride, skr = kr.Stride;
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                double khp = 0;
                for (int u = 0; u < m; u++)
                {
                    khp += kd[(i * sk) + u] * hpd[(u * shp) + j];
                }

                td[(i * st) + j] = pd[(i * sp) + j] - khp;
            }
        }

        for (int i = 0; i < n; i++)
        {
            for (int u = 0; u < m; u++)
            {
                double sumTh = 0;
                for (int c = 0; c < n; c++)
                {
                    sumTh += td[(i * st) + c] * hd[(u * sh) + c];
                }

                double sumKr = 0;
                for (int v = 0; v < m; v++)
                {
                    sumKr += kd[(i * sk) + v] * rd[(v * sr) + u];
                }

                thd[(i * sth) + u] = sumTh;
                krd[(i * skr) + u] = sumKr;
            }
        }

        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                double correction = 0;
                for (int u = 0; u < m; u++)
                {
                    correction += (krd[(i * skr) + u] - thd[(i * sth) + u]) * kd[(j * sk) + u];
                }

                pd[(i * sp) + j] = td[(i * st) + j] + correction;
            }
        }

        MatrixKernel.Symmetrize(p);
    }
}
