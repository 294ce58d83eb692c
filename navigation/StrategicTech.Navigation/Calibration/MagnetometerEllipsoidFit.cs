using StrategicTech.Navigation.Numerics;

namespace StrategicTech.Navigation.Calibration;

/// <summary>
/// Magnetometer hard- and soft-iron calibration. The sensor is modelled as raw = S·b + o (o: hard iron offset,
/// S: symmetric soft iron matrix, b: the earth field in the body, constant in length), so the raw samples lie on the
/// ellipsoid (raw − o)ᵀM(raw − o) = 1. The general quadric xᵀQx + 2pᵀx = 1 (nine unknowns) is fitted by linear least
/// squares on centred, unit-scaled samples; o = −Q⁻¹p and M = Q / (1 + oᵀQo). The correction is
/// b̂ = W·(raw − o) with W the symmetric square root of M, scaled to det W = 1 (the fit fixes W only up to a factor:
/// the volume-preserving choice keeps the corrected field about as long as the raw one; heading needs only the direction).
/// A sphere fit (offset only, W = I) runs first: it gives the centre for the coverage check (24 direction cells)
/// and is the fallback when coverage is too thin for nine parameters or the quadric is not an ellipsoid. The fit quality
/// is the RMS of the corrected lengths' deviation from their mean, relative to it.
/// </summary>
public static class MagnetometerEllipsoidFit
{
    public const int MinSamples = 50;

    /// <summary>Direction cells: 6 cube faces × 4 quadrants of each face.</summary>
    public const int CoverageCells = 24;

    /// <summary>Cells needed for the full ellipsoid (about three quarters of the sphere).</summary>
    public const int EllipsoidMinCells = 18;

    /// <summary>Cells needed for the sphere fallback (half the sphere fixes a centre).</summary>
    public const int SphereMinCells = 12;

    /// <summary>Largest accepted relative RMS length residual (a clean consumer magnetometer fits to ~1 %).</summary>
    public const double DefaultMaxRelativeResidual = 0.05;

    public static MagCalibrationResult Fit(ReadOnlySpan<Vector3> rawGauss, double maxRelativeResidual = DefaultMaxRelativeResidual)
    {
        if (rawGauss.Length < MinSamples)
        {
            return MagCalibrationResult.Failure(CalibrationProblem.TooFewSamples);
        }

        // Centre and scale so the normal equations are well conditioned whatever the field strength and offset.
        Vector3 mean = Vector3.Zero;
        foreach (Vector3 v in rawGauss)
        {
            mean += v;
        }

        mean /= rawGauss.Length;
        double spread = 0;
        foreach (Vector3 v in rawGauss)
        {
            spread += (v - mean).Length;
        }

        spread /= rawGauss.Length;
        if (!(spread > 0) || !double.IsFinite(spread))
        {
            return MagCalibrationResult.Failure(CalibrationProblem.Singular);
        }

        if (!TryFitSphere(rawGauss, mean, spread, out Vector3 sphereCentre))
        {
            return MagCalibrationResult.Failure(CalibrationProblem.Singular);
        }

        int cells = CoveredCells(rawGauss, sphereCentre);
        if (cells < SphereMinCells)
        {
            return MagCalibrationResult.Failure(CalibrationProblem.Coverage, cells);
        }

        MagCalibrationResult sphere = Evaluate(rawGauss, sphereCentre, Matrix3.Identity, cells, ellipsoid: false, maxRelativeResidual);
        if (cells < EllipsoidMinCells || !TryFitEllipsoid(rawGauss, mean, spread, out Vector3 centre, out Matrix3 softIron))
        {
            return sphere;
        }

        MagCalibrationResult ellipsoid = Evaluate(rawGauss, centre, softIron, cells, ellipsoid: true, maxRelativeResidual);
        return ellipsoid.Succeeded || !sphere.Succeeded ? ellipsoid : sphere;
    }

    /// <summary>Number of the 24 direction cells (cube face × quadrant) holding at least one sample around <paramref name="centre"/>.</summary>
    public static int CoveredCells(ReadOnlySpan<Vector3> rawGauss, Vector3 centre)
    {
        int mask = 0;
        foreach (Vector3 raw in rawGauss)
        {
            Vector3 d = raw - centre;
            double ax = Math.Abs(d.X), ay = Math.Abs(d.Y), az = Math.Abs(d.Z);
            int face;
            double u, w;
            if (ax >= ay && ax >= az)
            {
                (face, u, w) = (d.X >= 0 ? 0 : 1, d.Y, d.Z);
            }
            else if (ay >= az)
            {
                (face, u, w) = (d.Y >= 0 ? 2 : 3, d.X, d.Z);
            }
            else
            {
                (face, u, w) = (d.Z >= 0 ? 4 : 5, d.X, d.Y);
            }

            int cell = (face * 4) + (u >= 0 ? 0 : 1) + (w >= 0 ? 0 : 2);
            mask |= 1 << cell;
        }

        return System.Numerics.BitOperations.PopCount((uint)mask);
    }

    private static bool TryFitSphere(ReadOnlySpan<Vector3> rawGauss, Vector3 mean, double spread, out Vector3 centre)
    {
        // |y|² = 2c·y + d  with y the centred, scaled sample: linear in (c, d).
        Span<double> normal = stackalloc double[16];
        Span<double> rhs = stackalloc double[4];
        Span<double> row = stackalloc double[4];
        normal.Clear();
        rhs.Clear();
        foreach (Vector3 raw in rawGauss)
        {
            Vector3 y = (raw - mean) / spread;
            row[0] = 2 * y.X;
            row[1] = 2 * y.Y;
            row[2] = 2 * y.Z;
            row[3] = 1;
            SmallLinearSystem.Accumulate(normal, rhs, row, y.LengthSquared);
        }

        if (!SmallLinearSystem.Solve(normal, rhs))
        {
            centre = default;
            return false;
        }

        centre = mean + (new Vector3(rhs[0], rhs[1], rhs[2]) * spread);
        return true;
    }

    private static bool TryFitEllipsoid(ReadOnlySpan<Vector3> rawGauss, Vector3 mean, double spread, out Vector3 centre, out Matrix3 softIron)
    {
        // a y₁² + b y₂² + c y₃² + 2d y₁y₂ + 2e y₁y₃ + 2f y₂y₃ + 2g y₁ + 2h y₂ + 2i y₃ = 1.
        Span<double> normal = stackalloc double[81];
        Span<double> rhs = stackalloc double[9];
        Span<double> row = stackalloc double[9];
        normal.Clear();
        rhs.Clear();
        foreach (Vector3 raw in rawGauss)
        {
            Vector3 y = (raw - mean) / spread;
            row[0] = y.X * y.X;
            row[1] = y.Y * y.Y;
            row[2] = y.Z * y.Z;
            row[3] = 2 * y.X * y.Y;
            row[4] = 2 * y.X * y.Z;
            row[5] = 2 * y.Y * y.Z;
            row[6] = 2 * y.X;
            row[7] = 2 * y.Y;
            row[8] = 2 * y.Z;
            SmallLinearSystem.Accumulate(normal, rhs, row, 1.0);
        }

        centre = default;
        softIron = Matrix3.Identity;
        if (!SmallLinearSystem.Solve(normal, rhs))
        {
            return false;
        }

        var q = new Matrix3(rhs[0], rhs[3], rhs[4], rhs[3], rhs[1], rhs[5], rhs[4], rhs[5], rhs[2]);
        var p = new Vector3(rhs[6], rhs[7], rhs[8]);
        if (!q.TryInvert(out Matrix3 qInverse))
        {
            return false;
        }

        Vector3 centreScaled = -(qInverse * p);
        double k = 1 + Vector3.Dot(centreScaled, q * centreScaled);
        if (!(k > 0) || !SymmetricEigen3.TrySqrt(q * (1.0 / k), out Matrix3 root))
        {
            return false;
        }

        double det = root.Determinant;
        if (!(det > 0) || !double.IsFinite(det))
        {
            return false;
        }

        softIron = root * (1.0 / Math.Cbrt(det));
        centre = mean + (centreScaled * spread);
        return true;
    }

    private static MagCalibrationResult Evaluate(ReadOnlySpan<Vector3> rawGauss, Vector3 offset, Matrix3 softIron, int cells, bool ellipsoid, double maxRelativeResidual)
    {
        double sum = 0, sumSquares = 0;
        foreach (Vector3 raw in rawGauss)
        {
            double length = (softIron * (raw - offset)).Length;
            sum += length;
            sumSquares += length * length;
        }

        double meanLength = sum / rawGauss.Length;
        double variance = Math.Max(0, (sumSquares / rawGauss.Length) - (meanLength * meanLength));
        double residual = Math.Sqrt(variance) / meanLength;
        CalibrationProblem problem = residual <= maxRelativeResidual ? CalibrationProblem.None : CalibrationProblem.PoorFit;
        return new MagCalibrationResult(problem, offset, softIron, meanLength, residual, cells, ellipsoid);
    }
}

/// <summary>
/// Magnetometer correction b̂ = <see cref="SoftIron"/>·(raw − <see cref="OffsetGauss"/>). <see cref="FieldGauss"/> is
/// the corrected field's mean length, <see cref="RelativeResidual"/> the RMS deviation of the lengths from it relative
/// to it, <see cref="CoveredCells"/> of <see cref="MagnetometerEllipsoidFit.CoverageCells"/> direction cells were
/// sampled, <see cref="Ellipsoid"/> false when the sphere fallback was used (soft iron = identity).
/// </summary>
public readonly record struct MagCalibrationResult(
    CalibrationProblem Problem, Vector3 OffsetGauss, Matrix3 SoftIron, double FieldGauss, double RelativeResidual, int CoveredCells, bool Ellipsoid)
{
    public bool Succeeded => Problem == CalibrationProblem.None;

    internal static MagCalibrationResult Failure(CalibrationProblem problem, int cells = 0) =>
        new(problem, Vector3.Zero, Matrix3.Identity, double.NaN, double.NaN, cells, false);
}
