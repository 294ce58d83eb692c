using StrategicTech.Navigation.Numerics;

namespace StrategicTech.Navigation.Calibration;

/// <summary>
/// Level horizon: with the vehicle standing level, the mean (calibrated) specific force shows how the board is tilted
/// against the airframe. For a board rolled by φ and pitched by θ the still reading is
/// f = g·(sin θ, −sin φ cos θ, −cos φ cos θ), so φ = atan2(−f_y, −f_z) and θ = atan2(f_x, √(f_y² + f_z²)).
/// Rotating readings by <see cref="TrimRotation"/> (the attitude matrix of that tilt) brings them into the airframe.
/// </summary>
public static class LevelHorizonCalibration
{
    /// <summary>Largest trim accepted (PX4 refuses more than about 20°: the vehicle was not level).</summary>
    public const double MaxTrimRad = 20.0 * Math.PI / 180.0;

    public static LevelHorizonResult Solve(in VectorStatistics specificForceMps2, double maxStdMps2 = 0.5)
    {
        if (specificForceMps2.Count < GyroBiasCalibration.MinSamples)
        {
            return new LevelHorizonResult(CalibrationProblem.TooFewSamples, 0, 0);
        }

        if (specificForceMps2.MaxStandardDeviation > maxStdMps2)
        {
            return new LevelHorizonResult(CalibrationProblem.Motion, 0, 0);
        }

        Vector3 f = specificForceMps2.Mean;
        double rollRad = Math.Atan2(-f.Y, -f.Z);
        double pitchRad = Math.Atan2(f.X, Math.Sqrt((f.Y * f.Y) + (f.Z * f.Z)));
        CalibrationProblem problem = Math.Abs(rollRad) <= MaxTrimRad && Math.Abs(pitchRad) <= MaxTrimRad ? CalibrationProblem.None : CalibrationProblem.OutOfRange;
        return new LevelHorizonResult(problem, rollRad, pitchRad);
    }

    /// <summary>The rotation from the board frame into the airframe for a board trim of roll and pitch.</summary>
    public static Matrix3 TrimRotation(double rollRad, double pitchRad) => Quaternion.FromEuler(rollRad, pitchRad, 0).ToRotationMatrix();
}

/// <summary>Board tilt against the airframe (rad; PX4 stores degrees in SENS_BOARD_X_OFF / SENS_BOARD_Y_OFF).</summary>
public readonly record struct LevelHorizonResult(CalibrationProblem Problem, double RollRad, double PitchRad)
{
    public bool Succeeded => Problem == CalibrationProblem.None;
}
