using StrategicTech.Navigation.Numerics;

namespace StrategicTech.Navigation.Calibration;

/// <summary>
/// Accelerometer calibration from the mean reading on each of the six sides. The sensor is modelled as
/// raw = A·f + o (A: scale and cross-axis coupling, o: offset, f: true specific force). On side ±i the true force
/// is ±g·eᵢ, so each opposite pair gives o = (m₊ + m₋)/2 and column i of A = (m₊ − m₋)/(2g); the offset is the
/// average of the three pair midpoints. The correction is f = T·(raw − o) with T = A⁻¹; PX4 keeps T's diagonal
/// (CAL_ACCn_xSCALE) and the offset (CAL_ACCn_xOFF), and the full T is returned for callers that apply it.
/// </summary>
public static class SixPositionAccelCalibration
{
    /// <summary>Largest plausible offset per axis (m/s²); more is a broken or mis-mounted sensor.</summary>
    public const double MaxOffsetMps2 = 3.0;

    /// <summary>Plausible range of the per-axis correction scale.</summary>
    public const double MinScale = 0.7;
    public const double MaxScale = 1.3;

    /// <param name="sideMeansMps2">Six means indexed by <see cref="AccelOrientation"/> (TailDown … RightSideUp).</param>
    public static AccelCalibrationResult Solve(ReadOnlySpan<Vector3> sideMeansMps2, double gravityMps2 = OrientationDetector.StandardGravityMps2)
    {
        if (sideMeansMps2.Length != OrientationDetector.SideCount)
        {
            throw new ArgumentException($"six side means expected, got {sideMeansMps2.Length}", nameof(sideMeansMps2));
        }

        Vector3 offset = Vector3.Zero;
        Span<Vector3> columns = stackalloc Vector3[3];
        for (int axis = 0; axis < 3; axis++)
        {
            Vector3 positive = sideMeansMps2[2 * axis];
            Vector3 negative = sideMeansMps2[(2 * axis) + 1];
            if (!positive.IsFinite || !negative.IsFinite)
            {
                return AccelCalibrationResult.Failure(CalibrationProblem.TooFewSamples);
            }

            offset += (positive + negative) / 3.0 / 2.0;
            columns[axis] = (positive - negative) / (2.0 * gravityMps2);
        }

        Matrix3 sensitivity = Matrix3.FromColumns(columns[0], columns[1], columns[2]);
        if (!sensitivity.TryInvert(out Matrix3 transform))
        {
            return AccelCalibrationResult.Failure(CalibrationProblem.Singular);
        }

        var scale = new Vector3(transform.M11, transform.M22, transform.M33);
        bool offsetPlausible = Math.Abs(offset.X) <= MaxOffsetMps2 && Math.Abs(offset.Y) <= MaxOffsetMps2 && Math.Abs(offset.Z) <= MaxOffsetMps2;
        bool scalePlausible = InRange(scale.X) && InRange(scale.Y) && InRange(scale.Z);
        CalibrationProblem problem = offsetPlausible && scalePlausible ? CalibrationProblem.None : CalibrationProblem.OutOfRange;
        return new AccelCalibrationResult(problem, offset, scale, transform);

        static bool InRange(double s) => s >= MinScale && s <= MaxScale;
    }
}

/// <summary>
/// Accelerometer correction f = T·(raw − <see cref="OffsetMps2"/>); <see cref="Scale"/> is T's diagonal (what PX4
/// stores). <see cref="Problem"/> other than None: the values are the solve's but must not be used.
/// </summary>
public readonly record struct AccelCalibrationResult(CalibrationProblem Problem, Vector3 OffsetMps2, Vector3 Scale, Matrix3 Transform)
{
    public bool Succeeded => Problem == CalibrationProblem.None;

    internal static AccelCalibrationResult Failure(CalibrationProblem problem) => new(problem, Vector3.Zero, new Vector3(1, 1, 1), Matrix3.Identity);
}
